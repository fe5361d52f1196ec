package io.klinksync.bench;

import io.klinksync.mirror.MirrorVendor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The newest sync_runs row of a stream, read from the mirror after the sync process exited: the pass's own
 * duration (without JVM and Camel start-up) and what it wrote.
 */
public record SyncRunRow(Instant startedAt, Instant endedAt, long pages, long seen, long inserted, long updated,
                         long unchanged, long deleted, String status) {

    public static SyncRunRow newest(String jdbcUrl, String user, String stream) {
        MirrorVendor vendor = MirrorVendor.fromUrl(jdbcUrl);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement select = c.prepareStatement("SELECT started_at, ended_at, pages, records_seen, inserted,"
                     + " updated, unchanged, deleted, status FROM sync_runs WHERE stream = ? ORDER BY id DESC")) {
            select.setString(1, stream);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new BenchException("No sync_runs row for " + stream + " in " + jdbcUrl + "; the sync did not start");
                }
                return new SyncRunRow(vendor.readInstant(rows, "started_at"), vendor.readInstant(rows, "ended_at"),
                        rows.getLong("pages"), rows.getLong("records_seen"), rows.getLong("inserted"),
                        rows.getLong("updated"), rows.getLong("unchanged"), rows.getLong("deleted"), rows.getString("status"));
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot read sync_runs from " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** started_at to ended_at: the walk. ended_at is stamped before delete detection runs, so it leaves that out. */
    public double walkSeconds() {
        return endedAt == null ? Double.NaN : Duration.between(startedAt, endedAt).toNanos() / 1e9;
    }

    /** started_at to the exit of the process: the whole pass, delete detection and shutdown included, start-up not. */
    public double passSeconds(ProcessOutcome process) {
        return Duration.between(startedAt, process.exitedAt()).toNanos() / 1e9;
    }

    public long written() {
        return inserted + updated + deleted;
    }
}
