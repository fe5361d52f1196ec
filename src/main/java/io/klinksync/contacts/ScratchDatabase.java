package io.klinksync.contacts;

import io.klinksync.mirror.MirrorVendor;
import org.h2.jdbcx.JdbcDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway embedded database in a temporary folder, for what is needed only while one file is planned: on
 * disk, so it takes no memory, and deleted whole afterwards. An embedded mirror's file keeps no such table: the
 * H2 mirror does not give the space of a dropped table back to its file, so a large file's keys kept there would
 * grow the mirror for good (docs/benchmarks.md), nor does SQLite without a VACUUM; and a dry run, which writes
 * nothing else, would take SQLite's one write lock from a running sync and leave its table in the file if killed.
 * Of the mirror's own engine: an H2 file for an H2 mirror, a SQLite file for a SQLite one.
 */
final class ScratchDatabase implements AutoCloseable {

    private final Path dir;
    private final DataSource dataSource;
    /** Holds the database open between statements: H2 closes one when its last connection closes. */
    private final Connection open;

    private ScratchDatabase(Path dir, MirrorVendor vendor) throws SQLException {
        this.dir = dir;
        if (vendor == MirrorVendor.SQLITE) {
            // Nothing here outlives the process's use of it: no journal, no syncs.
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.OFF);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            SQLiteDataSource sqlite = new SQLiteDataSource(config);
            sqlite.setUrl("jdbc:sqlite:" + dir.resolve("scratch.db").toAbsolutePath());
            this.dataSource = sqlite;
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + dir.resolve("scratch").toAbsolutePath());
            this.dataSource = h2;
        }
        this.open = dataSource.getConnection();
    }

    /** A scratch database of the embedded mirror's engine (H2 or SQLite). */
    static ScratchDatabase create(MirrorVendor vendor) {
        if (!vendor.embedded()) {
            throw new IllegalArgumentException("A scratch database is for an embedded mirror, not " + vendor.folder());
        }
        try {
            return new ScratchDatabase(Files.createTempDirectory("klink-import-keys-"), vendor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the import's keys: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a temporary database for the import's keys: " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            open.close();
        } catch (SQLException e) {
            // the folder goes below either way
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }
}
