package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The sync_rejects table: the records each run could not store, and the run's rejected count in sync_runs,
 * kept in step with those rows. A walk of the stream started again forgets the rejects of the last one, as
 * it forgets what the last one saw.
 */
final class SyncRejects {

    private final MirrorVendor vendor;

    SyncRejects(MirrorVendor vendor) {
        this.vendor = vendor;
    }

    void record(Connection c, SyncRun run, List<Reject> rejects, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sync_rejects (run_id, stream, record_id, reason,"
                + " raw_json, rejected_at) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement count = c.prepareStatement("UPDATE sync_runs SET rejected = rejected + ? WHERE id = ?")) {
            for (Reject reject : rejects) {
                insert.setLong(1, run.id());
                insert.setString(2, run.stream());
                insert.setString(3, vendor.storable(reject.recordId()));
                insert.setString(4, vendor.storable(reject.reason()));
                insert.setString(5, reject.rawJson());
                vendor.bindInstant(insert, 6, now);
                insert.addBatch();
            }
            insert.executeBatch();
            count.setLong(1, rejects.size());
            count.setLong(2, run.id());
            count.executeUpdate();
        }
    }

    void forget(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_rejects WHERE run_id = ?");
             PreparedStatement count = c.prepareStatement("UPDATE sync_runs SET rejected = 0 WHERE id = ?")) {
            delete.setLong(1, run.id());
            delete.executeUpdate();
            count.setLong(1, run.id());
            count.executeUpdate();
        }
    }

    /**
     * Records the run rejected and saw no other way: not written by this walk, not marked seen (a rejected
     * record that has a row is marked seen, so it is counted there). Each record without an id counts once.
     */
    long seenOnlyAsRejected(Connection c, SyncRun run, MirrorTable parent) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT (SELECT COUNT(DISTINCT r.record_id) FROM sync_rejects r"
                + " WHERE r.run_id = ? AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.run_id = ? AND s.record_id = r.record_id)"
                + " AND NOT EXISTS (SELECT 1 FROM " + parent.name() + " p WHERE p.id = r.record_id AND p.synced_at >= ?))"
                + " + (SELECT COUNT(*) FROM sync_rejects WHERE run_id = ? AND record_id IS NULL)")) {
            count.setLong(1, run.id());
            count.setLong(2, run.id());
            vendor.bindInstant(count, 3, run.walkStartedAt());
            count.setLong(4, run.id());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
