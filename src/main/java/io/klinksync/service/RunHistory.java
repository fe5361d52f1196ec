package io.klinksync.service;

import io.klinksync.mirror.CsvMirrorWriter;
import io.klinksync.mirror.JdbcMirrorWriter;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.MirrorJdbc;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.SyncRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the mirror says about the runs of a stream: sync_runs (a table, or sync_runs.csv in a CSV mirror). In a
 * cluster every node reads the same rows, so each answers for the whole cluster, not only for its own runs.
 */
public interface RunHistory {

    /** One sync_runs row. node is null for rows written before runs named their node, and in a CSV mirror. */
    record Run(long id, String stream, String status, Instant startedAt, Instant endedAt, long pages, long seen,
               long inserted, long updated, long unchanged, long deleted, String error, String node) {
    }

    /** The newest run of the stream that has ended (whatever its status). */
    Optional<Run> lastEnded(String stream);

    /** The run of the stream going on now, if any (or one a dead node left 'running'). */
    Optional<Run> running(String stream);

    /** When the stream's last successful run ended. */
    Optional<Instant> lastSuccess(String stream);

    /** Rows of the stream set aside in sync_rejects, when the mirror has that table. */
    OptionalLong rejects(String stream);

    /** Throws when the mirror cannot be read. */
    void ping() throws Exception;

    static RunHistory of(MirrorWriter mirror) {
        if (mirror instanceof JdbcMirrorWriter jdbc) {
            return new Jdbc(jdbc.database());
        }
        if (mirror instanceof CsvMirrorWriter csv) {
            return new Csv(csv.fileOf("sync_runs").getParent());
        }
        throw new IllegalArgumentException("no run history for " + mirror);
    }

    final class Jdbc implements RunHistory {
        private static final String COLUMNS = "id, stream, status, started_at, ended_at, pages, records_seen, inserted,"
                + " updated, unchanged, deleted, error, node";
        private final MirrorDatabase database;
        private final MirrorVendor vendor;
        private final MirrorJdbc jdbc;

        Jdbc(MirrorDatabase database) {
            this.database = database;
            this.vendor = database.vendor();
            this.jdbc = new MirrorJdbc(database.dataSource(), vendor);
        }

        @Override
        public Optional<Run> lastEnded(String stream) {
            // A refresh of named records is no pass: the stream's health is its last pass's.
            return one("SELECT " + COLUMNS + " FROM sync_runs WHERE stream = ? AND status NOT IN ('running', 'refreshed')"
                    + " ORDER BY id DESC", stream);
        }

        @Override
        public Optional<Run> running(String stream) {
            return one("SELECT " + COLUMNS + " FROM sync_runs WHERE stream = ? AND status = 'running' ORDER BY id DESC", stream);
        }

        @Override
        public Optional<Instant> lastSuccess(String stream) {
            return Optional.ofNullable(jdbc.lastRunEnded(stream, "success"));
        }

        @Override
        public OptionalLong rejects(String stream) {
            try {
                return jdbc.onConnection(c -> rejects(c, stream));
            } catch (SQLException e) {
                return OptionalLong.empty();
            }
        }

        /** No sync_rejects table (a mirror older than it): no count, rather than an error. */
        private static OptionalLong rejects(Connection c, String stream) throws SQLException {
            try (ResultSet tables = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
                boolean found = false;
                while (tables.next()) {
                    found |= "sync_rejects".equalsIgnoreCase(tables.getString("TABLE_NAME"));
                }
                if (!found) {
                    return OptionalLong.empty();
                }
            }
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM sync_rejects WHERE stream = ?")) {
                count.setString(1, stream);
                try (ResultSet rows = count.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        }

        @Override
        public void ping() throws SQLException {
            jdbc.onConnection(c -> {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(5);
                    s.executeQuery("SELECT COUNT(*) FROM sync_runs WHERE 1 = 0").close();
                }
                return null;
            });
        }

        private Optional<Run> one(String sql, String stream) {
            try {
                return jdbc.onConnection(c -> {
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        s.setMaxRows(1);
                        s.setString(1, stream);
                        try (ResultSet rows = s.executeQuery()) {
                            if (!rows.next()) {
                                return Optional.empty();
                            }
                            return Optional.of(new Run(rows.getLong("id"), rows.getString("stream"), rows.getString("status"),
                                    vendor.readInstant(rows, "started_at"), vendor.readInstant(rows, "ended_at"),
                                    rows.getLong("pages"), rows.getLong("records_seen"), rows.getLong("inserted"),
                                    rows.getLong("updated"), rows.getLong("unchanged"), rows.getLong("deleted"),
                                    rows.getString("error"), rows.getString("node")));
                        }
                    }
                });
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read sync_runs of the mirror " + database.describe() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    final class Csv implements RunHistory {
        private final Path dir;

        Csv(Path dir) {
            this.dir = dir;
        }

        @Override
        public Optional<Run> lastEnded(String stream) {
            return last(stream, r -> !"running".equals(r.status()) && !SyncRun.REFRESHED.equals(r.status()));
        }

        @Override
        public Optional<Run> running(String stream) {
            return Optional.empty(); // the CSV mirror writes a run's row when it ends
        }

        @Override
        public Optional<Instant> lastSuccess(String stream) {
            return last(stream, r -> "success".equals(r.status())).map(Run::endedAt);
        }

        @Override
        public OptionalLong rejects(String stream) {
            return OptionalLong.empty();
        }

        @Override
        public void ping() throws IOException {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new IOException("the CSV mirror folder " + dir + " is missing or not writable");
            }
        }

        private Optional<Run> last(String stream, java.util.function.Predicate<Run> which) {
            Path file = dir.resolve("sync_runs.csv");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Run found = null;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                for (CSVRecord r : parser) {
                    if (!stream.equals(r.get("stream"))) {
                        continue;
                    }
                    Run run = new Run(number(r.get("id")), stream, r.get("status"), instant(r.get("started_at")),
                            instant(r.get("ended_at")), number(r.get("pages")), number(r.get("records_seen")),
                            number(r.get("inserted")), number(r.get("updated")), number(r.get("unchanged")),
                            number(r.get("deleted")), blankToNull(r.get("error")), null);
                    if (which.test(run)) {
                        found = run;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.ofNullable(found);
        }

        private static long number(String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (RuntimeException e) {
                return 0;
            }
        }

        private static Instant instant(String value) {
            try {
                return value == null || value.isBlank() ? null : Instant.parse(value.trim());
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
