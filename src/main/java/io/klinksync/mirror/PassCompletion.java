package io.klinksync.mirror;

import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The end of a complete, drift-free pass: the rows it did not see are listed, those proven gone deleted by
 * {@link DeleteDetection} (with the reporting tables told first), and the run's row ended 'success', all in one
 * transaction and on disk before the pass is reported complete.
 */
final class PassCompletion {

    private final MirrorTransactions transactions;
    private final MirrorVendor vendor;
    private final DeleteDetection deletes;
    private final ReportingTables reporting;
    private final SyncRuns runs;
    private final MirrorClock clock;

    PassCompletion(MirrorTransactions transactions, MirrorVendor vendor, DeleteDetection deletes,
                   ReportingTables reporting, SyncRuns runs, MirrorClock clock) {
        this.transactions = transactions;
        this.vendor = vendor;
        this.deletes = deletes;
        this.reporting = reporting;
        this.runs = runs;
        this.clock = clock;
    }

    List<String> unseen(SyncRun run, int limit) {
        MirrorTable parent = StreamTables.of(run.stream()).parent();
        return transactions.inTransaction("list the rows run " + run.id() + " of " + run.stream() + " did not see",
                c -> deletes.unseen(c, parent, run, limit));
    }

    SyncRun complete(SyncRun run, Collection<String> gone) {
        StreamTables tables = StreamTables.of(run.stream());
        Instant now = clock.now();
        transactions.inTransaction("complete run " + run.id() + " of " + run.stream(), c -> {
            if (vendor == MirrorVendor.POSTGRESQL) {
                // Both tables grew during the pass, maybe from empty; without fresh statistics the planner
                // would probe an 'empty' sync_seen row by row for every mirrored record. Only the columns delete
                // detection reads, from a small sample.
                try (Statement analyze = c.createStatement()) {
                    analyze.execute("SET LOCAL default_statistics_target = 10");
                    analyze.execute("ANALYZE sync_seen, " + tables.parent().name() + " (id, synced_at, deleted_at)");
                }
            }
            long loggedDeletes = reporting.beforeDelete(c, deletes, tables.parent(), run, gone, now);
            long[] counts = deletes.apply(c, tables, run, gone, now);
            run.loggedDeletes.set(loggedDeletes);
            reporting.afterDelete(c, now);
            run.deleted.set(counts[0]);
            run.deletePending.set(counts[1]);
            runs.end(c, run, "success", null, clock.now()); // ended_at after delete detection, which is part of the pass
            SyncSeen.forget(c, run);
            return null;
        });
        if (reporting.widensContacts(tables.parent())) {
            transactions.inTransaction("regenerate " + WideContacts.VIEW + " from the contact fields of run " + run.id(),
                    c -> reporting.refreshWideContacts(c, now));
        }
        // A pass is reported complete only once its deletions and its sync_runs row are on disk.
        transactions.flush("write run " + run.id() + " of " + run.stream() + " to disk");
        run.end("success", null);
        return run;
    }
}
