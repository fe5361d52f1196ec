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
 * The newest import_runs row of the mirror's import ledger, read after the import process exited: when the run
 * started (after JVM, Camel and Flyway start-up and the mirror freshness check, before planning) and how it ended.
 */
public record ImportRunRow(Instant startedAt, String status, long total, long failed) {

    public static ImportRunRow newest(String jdbcUrl, String user) {
        MirrorVendor vendor = MirrorVendor.fromUrl(jdbcUrl);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement select = c.prepareStatement("SELECT started_at, status, rows_total, rows_failed"
                     + " FROM import_runs ORDER BY id DESC")) {
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new BenchException("No import_runs row in " + jdbcUrl + "; the import did not start");
                }
                return new ImportRunRow(vendor.readInstant(rows, "started_at"), rows.getString("status"),
                        rows.getLong("rows_total"), rows.getLong("rows_failed"));
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot read import_runs from " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** started_at to the exit of the process: planning, sending, results files and shutdown; start-up not. */
    public double runSeconds(ProcessOutcome process) {
        return Duration.between(startedAt, process.exitedAt()).toNanos() / 1e9;
    }
}
