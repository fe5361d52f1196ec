package io.klinksync.bench;

import io.klinksync.mirror.MirrorVendor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An empty mirror database for one measured sync, dropped on close: a new embedded-H2 file or SQLite file, each in
 * a new folder of the work dir, or a new PostgreSQL schema. The embedded ones answer the size of their files, which
 * is part of what an embedded engine costs.
 */
final class BenchMirror implements AutoCloseable {

    enum Kind {
        H2("embedded H2", MirrorVendor.H2), POSTGRESQL("PostgreSQL", MirrorVendor.POSTGRESQL),
        SQLITE("embedded SQLite", MirrorVendor.SQLITE);

        final String label;
        final MirrorVendor vendor;

        Kind(String label, MirrorVendor vendor) {
            this.label = label;
            this.vendor = vendor;
        }

        /** h2, postgresql or sqlite (any case). */
        static Kind of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BenchException("Unknown mirror engine '" + name + "'; use postgresql, sqlite or h2.", e);
            }
        }

        /** The kind a vendor's mirrors are measured as; MariaDB has none here. */
        static Kind of(MirrorVendor vendor) {
            for (Kind kind : values()) {
                if (kind.vendor == vendor) {
                    return kind;
                }
            }
            throw new BenchException("The benchmark has no mirror of vendor " + vendor.folder());
        }

        boolean embedded() {
            return vendor.embedded();
        }

        /** The engine's name in figure names and labels: postgresql, sqlite, h2. */
        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String url;
    private final String user;
    private final List<Path> files;
    private final Runnable drop;

    private BenchMirror(Kind kind, String url, String user, List<Path> files, Runnable drop) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.files = files;
        this.drop = drop;
    }

    static BenchMirror fresh(Kind kind, BenchSetup setup, String label) {
        Path folder = setup.work().resolve(label);
        switch (kind) {
            case H2 -> {
                String url = H2Files.fresh(folder);
                Path base = folder.toAbsolutePath().resolve(H2Files.BASE);
                return new BenchMirror(kind, url, "sa", MirrorFiles.h2(base), () -> H2Files.delete(folder));
            }
            case SQLITE -> {
                H2Files.emptyFolder(folder);
                Path file = folder.toAbsolutePath().resolve("mirror.sqlite");
                return new BenchMirror(kind, "jdbc:sqlite:" + file, "", MirrorFiles.sqlite(file), () -> H2Files.delete(folder));
            }
            default -> {
                PostgresSchemas schemas = new PostgresSchemas(setup.postgresUrl(), setup.postgresUser());
                String schema = schemas.create(label);
                return new BenchMirror(kind, schemas.url(schema), schemas.user(), List.of(), () -> schemas.drop(schema));
            }
        }
    }

    Kind kind() {
        return kind;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    /** Bytes of the embedded database's files (the database and its WAL, shm or trace files); NaN for PostgreSQL. */
    double fileBytes() {
        return kind.embedded() ? MirrorFiles.bytes(files) : Double.NaN;
    }

    /** Rows per table, to check two ways of loading wrote the same rows. */
    Map<String, Long> counts(List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement statement = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot count rows in " + url + ": " + e.getMessage(), e);
        }
        return counts;
    }

    @Override
    public void close() {
        drop.run();
    }

    /** The files an embedded mirror consists of, and their size. */
    static final class MirrorFiles {

        private MirrorFiles() {
        }

        /** A SQLite database: the file, its write-ahead log and its shared-memory index. */
        static List<Path> sqlite(Path file) {
            return List.of(file, file.resolveSibling(file.getFileName() + "-wal"),
                    file.resolveSibling(file.getFileName() + "-shm"));
        }

        /** An H2 database named BASE: BASE.mv.db and BASE.trace.db. */
        static List<Path> h2(Path base) {
            return List.of(base.resolveSibling(base.getFileName() + ".mv.db"),
                    base.resolveSibling(base.getFileName() + ".trace.db"));
        }

        /** The sum of the sizes of those of FILES that exist. */
        static long bytes(List<Path> files) {
            long total = 0;
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file)) {
                        total += Files.size(file);
                    }
                } catch (IOException e) {
                    throw new BenchException("Cannot read the size of " + file + ": " + e.getMessage(), e);
                }
            }
            return total;
        }
    }
}
