package io.klinksync.contacts;

import org.h2.jdbcx.JdbcDataSource;

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
 * disk, so it takes no memory, and deleted whole afterwards. The H2 mirror does not give the space of a dropped
 * table back to its file, so a large file's keys kept there would grow the mirror for good (docs/benchmarks.md).
 */
final class ScratchDatabase implements AutoCloseable {

    private final Path dir;
    private final JdbcDataSource dataSource = new JdbcDataSource();
    /** Holds the database open between statements: H2 closes one when its last connection closes. */
    private final Connection open;

    private ScratchDatabase(Path dir) throws SQLException {
        this.dir = dir;
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("scratch").toAbsolutePath());
        this.open = dataSource.getConnection();
    }

    static ScratchDatabase create() {
        try {
            return new ScratchDatabase(Files.createTempDirectory("klink-import-keys-"));
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
