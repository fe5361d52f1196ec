package io.klinksync.contacts;

import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.runtime.KlinkRuntime;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Runs routes/export.camel.yaml for one export from the mirror: a Camel of its own with that route alone, its
 * two beans bound, and the target's folder, name and delimiter as the route's klink.export.* values.
 */
public final class MirrorExport {

    private MirrorExport() {
    }

    /** Writes the mirror's live contacts to out in the import format; answers the number written. */
    public static long run(Settings settings, MirrorDatabase db, Path out, ContactExport.Options options) {
        Path target = out.toAbsolutePath().normalize();
        Path folder = target.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out + ": " + e.getMessage() + ". Check that the folder exists and is writable.", e);
        }
        int fetchSize = settings.getInt("export.fetch-size");
        List<ContactField> custom = new MirrorContacts(db.dataSource(), db.vendor()).fields().customFields().stream()
                .sorted(Comparator.comparing(ContactField::column)).toList();
        ContactCsvRows rows = new ContactCsvRows(custom, new MultiValue(settings.get("csv.multi-value-separator")),
                options.excel(), options.formulaGuard(), StopSignal.process());
        // The marshalled file spools here, beside the target (same disk), and Camel removes the folder when it stops.
        Path spool = folder.resolve("." + target.getFileName() + ".spool");

        Main main = new Main();
        Properties properties = settings.asProperties();
        properties.setProperty("camel.main.name", "klink-export");
        properties.setProperty("camel.main.routes-include-pattern", "file:" + KlinkRuntime.routesDir(settings) + "/" + KlinkRuntime.EXPORT_ROUTE_FILE);
        properties.setProperty("camel.main.routes-reload-enabled", "false");
        properties.setProperty("camel.main.stream-caching-enabled", "true");
        properties.setProperty("camel.main.stream-caching-spool-enabled", "true");
        properties.setProperty("camel.main.stream-caching-spool-directory", spool.toString());
        properties.setProperty("klink.export.folder", folder.toString());
        properties.setProperty("klink.export.file", target.getFileName().toString());
        properties.setProperty("klink.export.delimiter", options.excel() ? ";" : ",");
        main.setOverrideProperties(properties);
        main.setDefaultPropertyPlaceholderLocation("false");
        main.bind("mirrorDataSource", new StreamingReads(db.dataSource()));
        main.bind("contactCsvRows", rows);
        Path part = folder.resolve("." + target.getFileName() + ".part");
        try (HaltActions.Registration halt = HaltActions.onHalt(() -> {
            deleteQuietly(part);
            deleteQuietly(spool);
        })) {
            main.start();
            try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
                template.requestBody("direct:export-contacts", (Object) null);
            }
            return rows.count();
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("Cannot export the mirror's contacts: " + e.getCause().getMessage(), e.getCause());
        } catch (StopRequestedException | IllegalStateException | UncheckedIOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the export route: " + e.getMessage(), e);
        } finally {
            try {
                main.stop();
            } catch (Exception e) {
                // the export's outcome is already decided; a Camel that stops untidily changes nothing in the file
            }
        }
    }

    /** A file, or a folder with what it holds (the spool). */
    private static void deleteQuietly(Path file) {
        try {
            if (Files.isDirectory(file)) {
                try (var inside = Files.list(file)) {
                    for (Path f : inside.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("Could not remove the unfinished " + file + ": " + e.getMessage());
        }
    }

    /**
     * The mirror's pool, lending connections without autocommit: PostgreSQL streams a result with a fetch size
     * only inside a transaction, and MariaDB reads the rest of a streamed result into memory at a COMMIT. The
     * pool rolls the read-only transaction back and restores autocommit when the route closes the connection.
     */
    private record StreamingReads(DataSource pool) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return reading(pool.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return reading(pool.getConnection(username, password));
        }

        private static Connection reading(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            return connection;
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
