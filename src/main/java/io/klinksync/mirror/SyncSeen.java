package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a walk has seen, for the drift guard and for delete detection: a record it wrote is seen by its synced_at,
 * one it found unchanged (or rejected, with a row) by a sync_seen row of the run.
 */
final class SyncSeen {

    private final MirrorTransactions transactions;
    private final MirrorVendor vendor;
    private final MirrorSql sql;
    private final SyncRejects rejects;
    private final MirrorClock clock;

    SyncSeen(MirrorTransactions transactions, MirrorVendor vendor, SyncRejects rejects, MirrorClock clock) {
        this.transactions = transactions;
        this.vendor = vendor;
        this.sql = new MirrorSql(vendor);
        this.rejects = rejects;
        this.clock = clock;
    }

    /** Marks ids the walk met without writing them, in the caller's transaction. */
    void mark(Connection c, SyncRun run, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        // One multi-row statement per chunk, not a batch of one row per id: a no-change re-sync marks every id.
        for (List<String> chunk : InLists.chunks(ids)) {
            try (PreparedStatement insert = c.prepareStatement(sql.insertSeen(chunk.size()))) {
                int index = 1;
                for (String id : chunk) {
                    insert.setLong(index++, run.id());
                    insert.setString(index++, id);
                }
                insert.executeUpdate();
            }
        }
    }

    /** Drops the run's sync_seen rows, in the caller's transaction: once it ends, or before it walks again. */
    static void forget(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_seen WHERE run_id = ?")) {
            delete.setLong(1, run.id());
            delete.executeUpdate();
        }
    }

    /** Distinct record ids this run has seen so far, rejected ones included. */
    long distinct(SyncRun run) {
        MirrorTable parent = StreamTables.of(run.stream()).parent();
        return transactions.inTransaction("count the ids seen by run " + run.id(), c -> {
            try (PreparedStatement count = c.prepareStatement(sql.distinctSeen(parent))) {
                vendor.bindInstant(count, 1, run.walkStartedAt());
                count.setLong(2, run.id());
                vendor.bindInstant(count, 3, run.walkStartedAt());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) + rejects.seenOnlyAsRejected(c, run, parent);
                }
            }
        });
    }

    /**
     * Starts a new walk: what the last one wrote or marked counts as unseen again. Also zeroes the run's
     * records-seen counter, which the drift guard compares with {@link #distinct}.
     */
    void reset(SyncRun run) {
        transactions.inTransaction("reset the ids seen by run " + run.id(), c -> {
            forget(c, run);
            rejects.forget(c, run); // the new walk meets the same records again, and rejects them again
            return null;
        });
        // A microsecond on, so even a record written in the same microsecond by the last walk is not seen by this one.
        run.startWalk(clock.notBefore(run.walkStartedAt()).plus(1, ChronoUnit.MICROS));
        run.seen.set(0);
        run.rejected.set(0);
    }
}
