package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Writes one batch of a run's mapped records (one or more pages) in one transaction: the stored hashes of its
 * ids are looked up, then only new and changed records are written, in JDBC batches (COPY on PostgreSQL), and
 * unchanged ones are marked seen. A record the database refuses goes to sync_rejects, as does one that could
 * not be mapped; the others are still written.
 */
final class ChangedRecordWriter {

    private final MirrorTransactions transactions;
    private final MirrorVendor vendor;
    private final RecordRows rows;
    private final SharedRows sharedRows;
    private final ReportingTables reporting;
    private final SyncSeen seen;
    private final SyncRejects syncRejects;
    private final MirrorClock clock;

    ChangedRecordWriter(MirrorTransactions transactions, MirrorVendor vendor, ReportingTables reporting, SyncSeen seen,
                        SyncRejects syncRejects, MirrorClock clock) {
        this.transactions = transactions;
        this.vendor = vendor;
        this.rows = new RecordRows(vendor);
        this.sharedRows = new SharedRows(vendor);
        this.reporting = reporting;
        this.seen = seen;
        this.syncRejects = syncRejects;
        this.clock = clock;
    }

    /** records: those the stream's mapper mapped, in the order received; unmapped: those it could not (no id). */
    void write(SyncRun run, List<MappedRecord> records, List<Reject> unmapped) {
        StreamTables tables = StreamTables.of(run.stream());
        if (records.isEmpty() && unmapped.size() > 1) {
            throw noIdAnywhere(run, unmapped);
        }
        List<Reject> rejects = new ArrayList<>(unmapped);
        // Sorted by id so concurrent batches lock rows in the same order; a repeated id keeps its last copy.
        NavigableMap<String, MappedRecord> batch = new TreeMap<>();
        for (MappedRecord record : records) {
            batch.put(record.id(), record);
        }
        Instant now = clock.notBefore(run.walkStartedAt());
        if (!tables.shared().isEmpty() && !batch.isEmpty() && sharedRows.anyUnknown(run, tables, batch.values())) {
            // Shared rows (companies) in their own short transaction: a popular company is on most pages, and
            // holding its row lock until a page commits would make concurrent pages wait for each other. Once
            // committed, the run knows them, and a later batch with only known ones skips this transaction.
            reject(tables, RecordIsolation.write(batch, part -> {
                String what = "write the companies of " + part.size() + " records of " + run.stream();
                transactions.withoutCommitWait(what, c -> {
                    sharedRows.write(c, run, tables, part.values());
                    return null;
                });
                sharedRows.remember(run, tables, part.values());
            }), batch, rejects);
        }
        int[] counts = new int[5];
        reject(tables, RecordIsolation.write(batch, part -> {
            String what = "write " + part.size() + " records of " + run.stream() + " (run " + run.id() + ", first id "
                    + part.firstKey() + ")";
            int[] written = transactions.retryingLostRaces(what, c -> writeChanged(c, run, tables, part, now));
            for (int i = 0; i < counts.length; i++) {
                counts[i] += written[i];
            }
        }), batch, rejects);
        if (!rejects.isEmpty()) {
            recordRejects(run, tables.parent(), rejects, now);
        }
        run.seen.addAndGet(records.size() + unmapped.size());
        run.inserted.addAndGet(counts[0]);
        run.updated.addAndGet(counts[1]);
        run.unchanged.addAndGet(counts[2]);
        run.loggedInserts.addAndGet(counts[3]);
        run.loggedUpdates.addAndGet(counts[4]);
    }

    /** The refused records leave the batch, so what is written after them (their parent rows) skips them. */
    private void reject(StreamTables tables, Map<MappedRecord, SQLException> refused, Map<String, MappedRecord> batch,
                        List<Reject> rejects) {
        refused.forEach((record, fault) -> {
            batch.remove(record.id());
            rejects.add(Reject.of(record, RejectReason.of(vendor, tables.parent(), record, fault)));
        });
    }

    /**
     * A rejected record counts as seen by the run: one that has a row keeps it as it was, never deleted for
     * having been refused. Ids the database cannot even bind (a NUL on PostgreSQL) cannot have a row.
     */
    private void recordRejects(SyncRun run, MirrorTable parent, List<Reject> rejects, Instant now) {
        List<String> ids = rejects.stream().map(Reject::recordId)
                .filter(id -> id != null && vendor.canHold(id)).distinct().toList();
        transactions.inTransaction("record " + rejects.size() + " rejected records of " + run.stream() + " (run " + run.id()
                + ")", c -> {
            seen.mark(c, run, new ArrayList<>(rows.stored(c, parent, ids).keySet()));
            syncRejects.record(c, run, rejects, now);
            return null;
        });
        run.rejected.addAndGet(rejects.size());
    }

    private static MirrorException noIdAnywhere(SyncRun run, List<Reject> unmapped) {
        return new MirrorException("No record of a batch of " + unmapped.size() + " " + run.stream() + " records has an id"
                + " (run " + run.id() + "), so they cannot be mirrored: " + unmapped.get(0).reason() + ". A stream"
                + " whose every record lacks an id is read from the wrong place; check the deployment profile's path for "
                + run.stream() + ".");
    }

    /** Returns {inserted, updated, unchanged, logged inserts, logged updates}. */
    private int[] writeChanged(Connection c, SyncRun run, StreamTables tables, Map<String, MappedRecord> page, Instant now)
            throws SQLException {
        if (page.isEmpty()) {
            return new int[5];
        }
        // PostgreSQL marks the unchanged ones seen in the lookup's own statement: one round trip, not two.
        boolean postgres = vendor == MirrorVendor.POSTGRESQL;
        Map<String, RecordRows.Stored> stored = postgres ? rows.storedMarkingSeen(c, run, tables.parent(), page.values())
                : rows.stored(c, tables.parent(), page.keySet());
        List<MappedRecord> fresh = new ArrayList<>();
        List<MappedRecord> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> reappeared = new ArrayList<>();
        List<MappedRecord> rehashed = new ArrayList<>();
        for (MappedRecord record : page.values()) {
            RecordRows.Stored before = stored.get(record.id());
            if (before == null) {
                fresh.add(record);
            } else if (before.deleted() || !ContentHash.sameContent(before.hash(), record)) {
                changed.add(record);
                if (before.deleted()) {
                    reappeared.add(record.id());
                }
            } else {
                unchanged.add(record.id());
                if (ContentHash.isSha256(before.hash())) {
                    rehashed.add(record);
                }
            }
        }
        // Unchanged rows that held release 0's SHA-256 get their new hash; PostgreSQL's lookup did not mark them seen.
        rows.rehash(c, tables.parent(), rehashed);
        if (postgres) {
            seen.mark(c, run, rehashed.stream().map(MappedRecord::id).toList());
        }
        List<MappedRecord> written = new ArrayList<>(fresh);
        written.addAll(changed);
        PostgresCopy copy = vendor == MirrorVendor.POSTGRESQL ? new PostgresCopy(c) : null;
        int[] logged = reporting.beforeWrite(c, copy, run, tables.parent(), fresh, changed, reappeared, written, now);
        rows.insertParents(c, copy, tables.parent(), fresh, now);
        rows.updateParents(c, tables.parent(), changed, now);
        rows.replaceChildren(c, copy, tables, written, changed);
        reporting.afterWrite(c, copy, tables, run, written, changed, reappeared, now);
        if (!postgres) {
            seen.mark(c, run, unchanged); // written records are seen by their synced_at
        }
        return new int[]{fresh.size(), changed.size(), unchanged.size(), logged[0], logged[1]};
    }
}
