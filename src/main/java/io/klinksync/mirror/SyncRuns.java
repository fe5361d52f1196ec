package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The sync_runs row of a pass: begun 'running' (abandoning what a dead process left running), ended with its
 * counts and status. Completing a pass is {@link PassCompletion}'s, which ends the row inside its transaction.
 */
final class SyncRuns {

    private static final String RUNNING = "running";

    private final MirrorTransactions transactions;
    private final MirrorVendor vendor;
    private final MirrorClock clock;

    SyncRuns(MirrorTransactions transactions, MirrorVendor vendor, MirrorClock clock) {
        this.transactions = transactions;
        this.vendor = vendor;
        this.clock = clock;
    }

    SyncRun begin(String stream, String profile) {
        Instant now = clock.now();
        SyncRun run = transactions.inTransaction("start a " + stream + " run", c -> {
            abandonRunning(c, stream, now);
            return insert(c, stream, profile, now);
        });
        // On disk before the walk writes anything: a process killed mid-run leaves a 'running' row to abandon.
        transactions.flush("write the start of run " + run.id() + " of " + stream + " to disk");
        return run;
    }

    /**
     * The caller holds the stream's lock: a run still 'running' belongs to a process that died (kill -9, power
     * loss), whose lock ended with it.
     */
    private void abandonRunning(Connection c, String stream, Instant now) throws SQLException {
        try (PreparedStatement forget = c.prepareStatement(
                "DELETE FROM sync_seen WHERE run_id IN (SELECT id FROM sync_runs WHERE stream = ? AND status = ?)");
             PreparedStatement abandon = c.prepareStatement(
                     "UPDATE sync_runs SET status = 'abandoned', ended_at = ?, error = ? WHERE stream = ? AND status = ?")) {
            forget.setString(1, stream);
            forget.setString(2, RUNNING);
            forget.executeUpdate();
            vendor.bindInstant(abandon, 1, now);
            abandon.setString(2, "the process running it ended without finishing (its stream lock was free)");
            abandon.setString(3, stream);
            abandon.setString(4, RUNNING);
            abandon.executeUpdate();
        }
    }

    private SyncRun insert(Connection c, String stream, String profile, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO sync_runs (stream, profile, started_at, status, node) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, stream);
            insert.setString(2, profile);
            vendor.bindInstant(insert, 3, now);
            insert.setString(4, RUNNING);
            insert.setString(5, NodeId.current());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for the sync_runs row");
                }
                return new SyncRun(keys.getLong(1), stream, profile, now);
            }
        }
    }

    /** Ends the run as 'failed', 'incomplete' or 'interrupted'; nothing is deleted. */
    SyncRun fail(SyncRun run, String status, String error) {
        SyncRun.requireFailure(status);
        Instant now = clock.now();
        transactions.inTransaction("end run " + run.id() + " of " + run.stream() + " as " + status, c -> {
            end(c, run, status, error, now);
            SyncSeen.forget(c, run);
            return null;
        });
        run.end(status, error);
        return run;
    }

    /** Writes the run's counts, status and end into its row, in the caller's transaction. */
    void end(Connection c, SyncRun run, String status, String error, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE sync_runs SET ended_at = ?, pages = ?, records_seen = ?,"
                + " inserted = ?, updated = ?, unchanged = ?, deleted = ?, status = ?, error = ? WHERE id = ?")) {
            vendor.bindInstant(update, 1, now);
            update.setLong(2, run.pages.get());
            update.setLong(3, run.seen.get());
            update.setLong(4, run.inserted.get());
            update.setLong(5, run.updated.get());
            update.setLong(6, run.unchanged.get());
            update.setLong(7, run.deleted.get());
            update.setString(8, status);
            update.setString(9, error);
            update.setLong(10, run.id());
            update.executeUpdate();
        }
    }
}
