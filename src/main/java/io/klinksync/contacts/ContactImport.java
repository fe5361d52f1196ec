package io.klinksync.contacts;

import io.klinksync.api.Profile;
import io.klinksync.console.Bars;
import io.klinksync.console.Status;
import io.klinksync.mirror.MirrorException;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One import of a contacts CSV file: plan every row into the ledger (or, for a dry run, into NAME.plan.csv),
 * then send the planned creates and updates (ImportSender), then write the results files from the ledger. A
 * file already being imported (same sha256, run not finished) is resumed. A stop (SIGTERM, Ctrl-C) while
 * planning or sending ends the run as `interrupted` with the counts its rows say, and the results files say
 * what was done.
 */
public final class ContactImport {

    private final ImportSettings settings;
    private final MirrorContacts mirror;
    private final ImportLedger ledger;
    private final ApiSender api;
    private final Profile profile;
    private final ContactsSyncHook syncHook;
    private final PrintStream out;
    private final PrintStream notes;
    private final Bars bars;
    private final StopSignal stop = StopSignal.process();

    public ContactImport(ImportSettings settings, MirrorContacts mirror, ImportLedger ledger, ApiSender api,
                         Profile profile, ContactsSyncHook syncHook, ImportConsole console) {
        this.settings = settings;
        this.mirror = mirror;
        this.ledger = ledger;
        this.api = api;
        this.profile = profile;
        this.syncHook = syncHook;
        this.out = console.out();
        this.notes = console.notes();
        this.bars = console.bars();
    }

    /** Imports (or with dryRun only plans) the file; mapping null means detect it from the header. */
    public ImportReport run(Path file, boolean dryRun, String mapping) {
        if (!Files.isRegularFile(file)) {
            throw new ImportStoppedException("Import file " + file + " does not exist or is not a file.");
        }
        try (ContactCsvReader header = ContactCsvReader.open(file)) {
            // an unreadable header fails here, before any contacts sync is spent on the file
        } catch (CsvFileException e) {
            throw new ImportStoppedException(e.getMessage(), e);
        }
        refreshMirrorIfStale();
        if (dryRun) {
            return dryRun(file, mapping);
        }
        stop.throwIfRequested("before the import started");
        String sha = sha256(file);
        Optional<ImportLedger.Run> previous = ledger.unfinished(sha);
        ImportLedger.Run run = previous.orElseGet(() -> ledger.start(file.toString(), sha, settings.mode().label(), profile.name()));
        // Should the grace of a stop run out before the run is marked, the process marks it as it halts.
        try (HaltActions.Registration halt = HaltActions.onHalt(() -> ledger.interrupt(run.id()))) {
            if (run.planned()) {
                notes.println("Resuming import run " + run.id() + " of " + file.getFileName() + " (same content, started "
                        + run.startedAt() + ", status " + run.status() + "): finished rows are not sent again.");
                ledger.runStatus(run.id(), ImportLedger.RUN_SENDING, null);
            } else {
                if (previous.isPresent()) {
                    // Stopped while planning: nothing was sent yet, so the plan is simply made again.
                    ledger.discardRows(run.id());
                    notes.println("Re-planning import run " + run.id() + " of " + file.getFileName()
                            + " (it was stopped while planning).");
                }
                try (Status planning = Status.show("Planning the rows of " + file.getFileName())) {
                    planInto(run.id(), file, mapping);
                } catch (ImportStoppedException | IllegalStateException | MirrorException | java.io.UncheckedIOException e) {
                    throw failed(run.id(), e);
                }
                ledger.planned(run.id());
            }
            new ImportSender(settings, ledger, api, profile, bars, stop).send(run.id());
        } catch (StopRequestedException e) {
            return interrupted(run.id(), file, e.getMessage());
        }
        ImportLedger.Counts counts = ledger.finish(run.id());
        Path success = ImportFiles.success(file);
        Path errors = ImportFiles.errors(file);
        new ResultsFiles(ledger, settings.ledgerBatchSize()).write(run.id(), file, success, errors);
        ImportReport report = new ImportReport(run.id(), false, false, counts, null, success, errors);
        out.println(report.summary() + ". Results: " + success + ", " + errors);
        return report;
    }

    /** Stores the plan of every row, a batch per transaction; a stop ends it between two rows. */
    private void planInto(long runId, Path file, String mapping) {
        List<RowPlan> batch = new ArrayList<>();
        plan(file, mapping, runId, p -> {
            stop.throwIfRequested("while planning import run " + runId);
            batch.add(p);
            if (batch.size() >= settings.ledgerBatchSize()) {
                ledger.record(runId, batch);
                batch.clear();
            }
        });
        ledger.record(runId, batch);
        ledger.forgetKeys(runId);
    }

    /**
     * A failure while planning (the file cannot be read on, the mirror refuses rows) ends the run as failed with a
     * one-line reason; the database's own message is not repeated, as it may quote a whole batch of rows.
     */
    private ImportStoppedException failed(long runId, RuntimeException e) {
        String reason = e instanceof ImportStoppedException ? e.getMessage()
                : "the mirror database refused the planned rows (" + (e.getCause() instanceof java.sql.SQLException sql
                        ? "SQLState " + sql.getSQLState() : "an unexpected error") + ")";
        reason = reason.lines().findFirst().orElse(reason).replaceAll("\\.+$", "");
        String message = "Import run " + runId + " failed while planning: " + reason
                + ". Nothing was sent; fix the cause and run the same import again.";
        try {
            ledger.fail(runId, message);
        } catch (RuntimeException ignored) {
            // The mirror is unreachable: the run stays as it was and the next run re-plans it.
        }
        return new ImportStoppedException(message, e);
    }

    /** Marks the run interrupted and writes the results files of the rows it finished. */
    private ImportReport interrupted(long runId, Path file, String why) {
        ImportLedger.Counts counts = ledger.interrupt(runId);
        Path success = ImportFiles.success(file);
        Path errors = ImportFiles.errors(file);
        new ResultsFiles(ledger, settings.ledgerBatchSize()).write(runId, file, success, errors);
        ImportReport report = new ImportReport(runId, false, true, counts, null, success, errors);
        out.println(why + " " + report.summary() + ". Results so far: " + success + ", " + errors
                + ". Run the same import again to send the rest.");
        return report;
    }

    private ImportReport dryRun(Path file, String mapping) {
        Path planFile = ImportFiles.plan(file);
        long[] n = new long[6];
        long keyScope = ledger.dryRunKeyScope();
        try (ContactCsvWriter writer = ContactCsvWriter.create(planFile,
                List.of("row", "action", "id", "match_key", "specific_update_fields", "changes", "error"), false, true)) {
            plan(file, mapping, keyScope, p -> {
                stop.throwIfRequested("during the dry run");
                n[0]++;
                switch (p.action()) {
                    case CREATE -> n[1]++;
                    case UPDATE -> n[2]++;
                    case UNCHANGED -> n[3]++;
                    case INVALID -> n[4]++;
                }
                String fields = p.body() != null && p.body().has("specific_update_fields")
                        ? p.body().get("specific_update_fields").toString() : "";
                writer.write(List.of(String.valueOf(p.rowNumber()), p.action().label(),
                        p.contactId() == null ? "" : p.contactId(), p.matchKey() == null ? "" : p.matchKey(), fields,
                        p.diffText(), p.errorText()));
                if (p.action() != RowAction.UNCHANGED || settings.showUnchanged()) {
                    out.println(terminalLine(p));
                }
            });
        } finally {
            ledger.forgetKeys(keyScope);
        }
        ImportReport report = new ImportReport(null, true, false,
                new ImportLedger.Counts(n[0], n[1], n[2], n[3], n[4], 0), planFile, null, null);
        out.println(report.summary() + ". Plan: " + planFile);
        return report;
    }

    /**
     * Streams the file through mapping and planner; each row's plan goes to the sink in file order. keyScope
     * names the set of the file's keys in the ledger (the run id, or a dry run's own scope).
     */
    private void plan(Path file, String mappingName, long keyScope, Consumer<RowPlan> sink) {
        ContactFieldCatalog catalog = mirror.fields();
        try (ContactCsvReader reader = ContactCsvReader.open(file)) {
            ColumnMapping mapping = ColumnMapping.choose(reader.header(), mappingName, settings.mappingsDir(),
                    settings.multiValue(), settings.labels());
            if (!mapping.isIdentity()) {
                List<String> missing = mapping.missingSources(reader.header());
                notes.println("Reading " + file.getFileName() + " with mapping '" + mapping.name() + "'"
                        + (missing.isEmpty() ? "" : "; columns the mapping names but the file lacks: " + missing) + ".");
                List<String> unused = mapping.unusedSources(reader.header());
                if (!unused.isEmpty()) {
                    notes.println("Columns of " + file.getFileName() + " the mapping '" + mapping.name() + "' does not use: "
                            + unused + ".");
                }
            } else {
                List<String> unknown = reader.header().stream().filter(c -> !catalog.knows(c)).toList();
                if (!unknown.isEmpty()) {
                    notes.println("Warning: " + file.getFileName() + " has columns that are not contact fields: " + unknown
                            + "; rows with values in them are reported invalid.");
                }
            }
            ImportPlanner planner = new ImportPlanner(catalog, mirror, settings.mode(), settings.blanks(),
                    settings.matchKeys(), settings.multiValue(), profile.contactNameField(), settings.contactPoints(),
                    settings.cellDisplayLimit(), uses -> ledger.claimKeys(keyScope, uses));
            // A batch of rows at a time, so the check for keys used twice in the file is one look-up per batch.
            List<CsvRow> batch = new ArrayList<>();
            while (reader.hasNext()) {
                batch.add(reader.next());
                if (batch.size() >= settings.ledgerBatchSize() || !reader.hasNext()) {
                    planner.plan(batch, reader.header(), mapping).forEach(sink);
                    batch.clear();
                }
            }
        } catch (CsvFileException e) {
            throw new ImportStoppedException(e.getMessage(), e);
        }
    }

    /** One terminal line for a planned row: long cells shortened (the plan file keeps them whole). */
    private String terminalLine(RowPlan p) {
        int limit = settings.cellDisplayLimit();
        StringBuilder line = new StringBuilder(p.ref().toString());
        line.append(": ").append(p.action().label()).append(p.contactId() == null ? "" : " " + p.contactId());
        if (!p.changes().isEmpty()) {
            List<String> diffs = new ArrayList<>();
            for (FieldChange c : p.changes()) {
                diffs.add(new FieldChange(c.field(), CellQuote.shorten(c.oldValue(), limit),
                        CellQuote.shorten(c.newValue(), limit)).toString());
            }
            line.append(" [").append(String.join("; ", diffs)).append(']');
        }
        if (!p.errors().isEmpty()) {
            line.append(" - ").append(CellQuote.shorten(p.errorText(), limit * 4));
        }
        return line.toString();
    }

    /**
     * Brings the mirror's contacts up to date when it may not know them: a complete sync when it has none or is
     * older than import.mirror-max-age; after imports that changed contacts since, only those contacts (GET each)
     * when that takes fewer requests than a complete sync, else a complete sync. Says why in one line, or why not.
     */
    private void refreshMirrorIfStale() {
        long live = mirror.liveContacts();
        Instant synced = mirror.lastContactsSync();
        if (live == 0 || synced == null) {
            syncFirst("the mirror has no contacts yet");
            return;
        }
        if (synced.isBefore(Instant.now().minus(settings.mirrorMaxAge()))) {
            syncFirst("the mirror's contacts were synced at " + synced + ", longer ago than import.mirror-max-age ("
                    + settings.mirrorMaxAge().toMinutes() + " min)");
            return;
        }
        Instant refreshed = mirror.lastContactsRefresh();
        Instant known = refreshed != null && refreshed.isAfter(synced) ? refreshed : synced;
        Instant lastImport = ledger.lastChangingImportEnded();
        if (lastImport == null || !known.isBefore(lastImport)) {
            notes.println("No contacts sync needed: the mirror's contacts were synced at " + synced
                    + ", within import.mirror-max-age, and it knows every contact an import changed since.");
            return;
        }
        long fullSync = syncHook == null ? 0 : syncHook.syncRequests(live);
        Optional<List<String>> changed = ledger.contactsChangedSince(known, fullSync - 1);
        if (changed.isEmpty()) {
            syncFirst("imports since the last contacts sync (the last ended " + lastImport + ") changed more contacts"
                    + " than a complete sync has pages, or one whose id is not known");
            return;
        }
        notes.println("Refreshing the " + changed.get().size() + " contacts imports changed since the last contacts sync"
                + " (one request each, instead of the " + fullSync + " pages of a complete sync).");
        long start = System.nanoTime();
        syncHook.refreshContacts(changed.get());
        notes.println("Contacts refreshed in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms.");
    }

    private void syncFirst(String reason) {
        if (syncHook == null) {
            notes.println("Note: " + reason + ", and no contacts sync is available here; planning against the mirror as it is."
                    + " Run 'klink-sync sync --stream contacts' first to match existing contacts.");
            return;
        }
        notes.println("Syncing contacts first: " + reason + ".");
        long start = System.nanoTime();
        syncHook.syncContacts();
        notes.println("Contacts synced in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms; "
                + mirror.liveContacts() + " contacts in the mirror.");
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
