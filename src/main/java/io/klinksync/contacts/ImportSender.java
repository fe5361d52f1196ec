package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiException;
import io.klinksync.api.Profile;
import io.klinksync.runtime.StopSignal;

import io.klinksync.console.Bars;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the pending rows of an import run with at most import.concurrency requests in flight, keeping the
 * ledger such that a kill at any moment never leads to a duplicate create on resume: creates are marked
 * 'sending' (durably, a group of rows per transaction) before their POST leaves; updates are idempotent and
 * get no mark. Outcomes are written in batches (OutcomeBuffer). A stop (SIGTERM, Ctrl-C) or a failure that
 * concerns every row lets no new request leave: the requests in flight finish and are recorded, and creates
 * marked but not sent are put back to 'planned'.
 */
final class ImportSender {

    private final ImportSettings settings;
    private final ImportLedger ledger;
    private final ApiSender api;
    private final Profile profile;
    private final Bars bars;
    private final StopSignal stop;

    ImportSender(ImportSettings settings, ImportLedger ledger, ApiSender api, Profile profile, Bars bars,
                 StopSignal stop) {
        this.settings = settings;
        this.ledger = ledger;
        this.api = api;
        this.profile = profile;
        this.bars = bars;
        this.stop = stop;
    }

    /** Sends what is pending; throws StopRequestedException once the requests in flight of a stop are recorded. */
    void send(long runId) {
        ImportLedger.Counts before = ledger.counts(runId);
        long pendingEstimate = before.total() - before.invalid() - before.unchanged();
        ImportProgress progress = new ImportProgress(bars, Math.max(pendingEstimate, 0));
        CreateOutcomeCheck outcome = new CreateOutcomeCheck(api, contactsPath(), profile.contactNameField(), profile.maxPageSize());
        OutcomeBuffer outcomes = new OutcomeBuffer(ledger, settings.ledgerFlushRows(), settings.ledgerFlushInterval());
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        int groupSize = settings.ledgerFlushRows();
        // Rows handed to the pool and not finished: a group's worth besides the requests in flight, so that the
        // workers have rows to send while this thread writes the next group's marks.
        Semaphore inFlight = new Semaphore(settings.concurrency() * 2 + groupSize);
        AtomicReference<ApiException> fatal = new AtomicReference<>();
        // Should the grace of a stop run out while requests are still in flight, what came back is recorded.
        try (HaltActions.Registration halt = HaltActions.onHalt(outcomes::flush)) {
            try {
                long after = 0;
                while (!halted(fatal)) {
                    List<ImportLedger.Row> rows = ledger.pending(runId, after, settings.ledgerBatchSize());
                    if (rows.isEmpty()) {
                        break;
                    }
                    for (int from = 0; from < rows.size() && !halted(fatal); from += groupSize) {
                        List<ImportLedger.Row> group = rows.subList(from, Math.min(from + groupSize, rows.size()));
                        ledger.markSending(runId, group.stream().filter(ImportSender::unsentCreate)
                                .map(ImportLedger.Row::rowNumber).toList());
                        for (ImportLedger.Row row : group) {
                            if (halted(fatal)) {
                                putBack(row, outcomes);
                                continue;
                            }
                            inFlight.acquireUninterruptibly();
                            pool.execute(() -> {
                                try {
                                    if (halted(fatal)) { // queued rows wait for the resumed run
                                        putBack(row, outcomes);
                                    } else {
                                        progress.rowFinished(sendRow(row, outcome, outcomes, fatal));
                                    }
                                } finally {
                                    inFlight.release();
                                }
                            });
                        }
                    }
                    after = rows.get(rows.size() - 1).rowNumber();
                }
            } finally {
                pool.shutdown();
                awaitQuietly(pool);
                outcomes.flush();
                progress.close();
            }
        }
        ApiException failure = fatal.get();
        if (failure != null) {
            ledger.fail(runId, failure.getMessage());
            throw new ImportStoppedException("Import run " + runId + " stopped: " + failure.getMessage() + ". Fix the cause"
                    + " and run the same import again; it resumes where it stopped.", failure);
        }
        stop.throwIfRequested("while sending import run " + runId);
    }

    private boolean halted(AtomicReference<ApiException> fatal) {
        return fatal.get() != null || stop.requested();
    }

    /** A row this run will not send after all: a create marked for sending goes back to planned, as it never left. */
    private static void putBack(ImportLedger.Row row, OutcomeBuffer outcomes) {
        if (unsentCreate(row)) {
            outcomes.add(new RowOutcome(row.runId(), row.rowNumber(), ImportLedger.PLANNED, null, null, null));
        }
    }

    /** A create this run has not sent before: it needs its 'sending' mark before the POST. */
    private static boolean unsentCreate(ImportLedger.Row row) {
        return row.action() == RowAction.CREATE && ImportLedger.PLANNED.equals(row.status());
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // Requests are bounded by the API timeouts and retry policy; keep waiting for them.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one row; true when it ended done. Failures that concern every row are put in {@code fatal}. */
    private boolean sendRow(ImportLedger.Row row, CreateOutcomeCheck outcome, OutcomeBuffer outcomes,
                            AtomicReference<ApiException> fatal) {
        boolean create = row.action() == RowAction.CREATE;
        try {
            if (create && !ImportLedger.PLANNED.equals(row.status())) {
                Optional<String> existing = outcome.existing(row.requestBody());
                if (existing.isPresent()) {
                    outcomes.add(RowOutcome.done(row, existing.get()));
                    return true;
                }
            }
            if (create) {
                JsonNode created = api.call("POST", contactsPath(), null, row.requestBody());
                JsonNode data = created.has("data") && created.get("data").isObject() ? created.get("data") : created;
                outcomes.add(RowOutcome.done(row, data.path("id").asText(null)));
            } else {
                api.call(profile.contactUpdateMethod(), contactsPath() + "/" + row.contactId(), null, row.requestBody());
                outcomes.add(RowOutcome.done(row, null));
            }
            return true;
        } catch (ApiException e) {
            int status = e.status();
            if (status == 0 || status == 401 || status == 403) {
                fatal.compareAndSet(null, e);
                // A create that may have reached the API is checked before it is sent again.
                outcomes.add(failure(row, create && status == 0 ? ImportLedger.UNKNOWN : ImportLedger.PLANNED,
                        e.getMessage(), status == 0 ? null : status));
                return false;
            }
            String state = e.isClientError() || !create ? ImportLedger.FAILED : ImportLedger.UNKNOWN;
            outcomes.add(failure(row, state, "line " + row.rowNumber() + ": " + e.getMessage(), status));
            return false;
        } catch (RuntimeException e) {
            outcomes.add(failure(row, create ? ImportLedger.UNKNOWN : ImportLedger.FAILED,
                    "line " + row.rowNumber() + ": " + e.getMessage(), null));
            return false;
        }
    }

    private static RowOutcome failure(ImportLedger.Row row, String status, String error, Integer httpStatus) {
        return new RowOutcome(row.runId(), row.rowNumber(), status, null, error, httpStatus);
    }

    private String contactsPath() {
        return profile.stream("contacts").path();
    }
}
