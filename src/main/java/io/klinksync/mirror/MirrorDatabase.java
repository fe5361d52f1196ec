package io.klinksync.mirror;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.klinksync.config.Settings;
import io.klinksync.config.UserMessage;
import io.klinksync.streams.StreamDeclarations;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The mirror's connection pool, opened with its schema migrated to the newest version for its vendor. */
public final class MirrorDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final MirrorVendor vendor;
    private final String url;
    private final String user;
    private final String password;
    private GroupCommit groupCommit;

    private MirrorDatabase(HikariDataSource dataSource, MirrorVendor vendor, String url, String user, String password) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Opens mirror.jdbc.url with mirror.jdbc.user/password and a pool of mirror.jdbc.pool-size, then migrates it
     * and creates or checks the tables of the streams declared in the config folder. Every command opens its
     * mirror here; on the shipped default SQLite URL, an old default H2 mirror beside it is first carried over
     * ({@link EmbeddedDefaultUpgrade}).
     */
    public static MirrorDatabase open(Settings settings) {
        EmbeddedDefaultUpgrade.beforeOpen(settings);
        MirrorLogin login = MirrorLogin.from(settings);
        return open(settings.get("mirror.jdbc.url"), login.user(), login.password(), settings.getInt("mirror.jdbc.pool-size"),
                StreamDeclarations.of(settings));
    }

    /** As {@link #open(Settings)} with the streams of this checkout's config/streams: for tests and the benchmarks. */
    public static MirrorDatabase open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, StreamDeclarations.load(Path.of("config", StreamDeclarations.DIR)));
    }

    public static MirrorDatabase open(String url, String user, String password, int poolSize, StreamDeclarations streams) {
        MirrorVendor vendor = MirrorVendor.fromUrl(url);
        if (vendor == MirrorVendor.H2) {
            createH2Folder(url);
        } else if (vendor == MirrorVendor.SQLITE) {
            SqliteFiles.createFolder(url);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("klink-mirror");
        config.setJdbcUrl(vendor.tuneUrl(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // Concurrent pages insert into neighbouring key ranges; MariaDB's default REPEATABLE READ would take gap
        // locks there and deadlock them. Every page is its own transaction, so READ COMMITTED is all it needs.
        // SQLite's transactions are serializable, the only level its driver takes besides READ_UNCOMMITTED.
        if (vendor != MirrorVendor.SQLITE) {
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        if (vendor == MirrorVendor.POSTGRESQL) {
            // The mirror's tables grow from empty during the first sync; a generic plan cached while a table was
            // empty would scan it whole for every page's id lookup. Custom plans follow the table as it grows.
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        // Fail at once with a readable message instead of Hikari's retry loop when the database is down.
        config.setInitializationFailTimeout(1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            Path file = vendor == MirrorVendor.H2 ? h2File(url) : null;
            if (file != null && H2FileHolder.isHeldElsewhere(e)) {
                throw new MirrorException(H2FileHolder.message(file), e);
            }
            throw new MirrorException("Cannot connect to the mirror database " + redact(url) + " as user '" + user + "': "
                    + rootMessage(e) + ". Check mirror.jdbc.url, mirror.jdbc.user and mirror.jdbc.password"
                    + " (KLINK_MIRROR_JDBC_PASSWORD), and that the database is running.", e);
        }
        try {
            MirrorSchema.prepare(dataSource, vendor, config.getJdbcUrl(), user, password, streams);
        } catch (FlywayException | SQLException e) {
            dataSource.close();
            throw new MirrorException("Cannot migrate the mirror schema of " + redact(url) + " (" + vendor.folder()
                    + "): " + rootMessage(e) + ". The schema is managed by klink-sync only; do not change its tables by hand.", e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new MirrorDatabase(dataSource, vendor, url, user, password);
    }

    /**
     * A connection of its own, outside the pool, for a lock that lives as long as the connection: a pool would
     * lend it to other work, and a run's lock would shrink the pool its pages write through.
     */
    public Connection openUnpooled() throws SQLException {
        return DriverManager.getConnection(dataSource.getJdbcUrl(), user, password);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public MirrorVendor vendor() {
        return vendor;
    }

    /** The configured URL, password included: for the files kept beside a SQLite database. */
    String url() {
        return url;
    }

    /** The configured URL with any password removed, for messages. */
    public String describe() {
        return redact(url);
    }

    /** SQLite's page writes, this process's one writer of the file ({@link GroupCommit}). */
    synchronized GroupCommit groupCommit() {
        if (groupCommit == null) {
            groupCommit = new GroupCommit(this);
        }
        return groupCommit;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (groupCommit != null) {
                groupCommit.close();
            }
        }
        dataSource.close();
    }

    /** Removes password=... from a JDBC URL (query or H2-style ;key=value). */
    static String redact(String url) {
        return url == null ? "(no URL)" : url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** The database path of an H2 file URL (its files are this plus .mv.db, .lock.db), or null for other URLs. */
    static Path h2File(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String location = options < 0 ? rest : rest.substring(0, options);
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")) {
            return null;
        }
        if (lower.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Path.of(location).toAbsolutePath();
    }

    private static void createH2Folder(String url) {
        Path file = h2File(url);
        if (file == null) {
            return;
        }
        Path parent = file.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new MirrorException("Cannot create the folder " + parent + " for the H2 mirror " + redact(url) + ": "
                    + e.getMessage() + ". Create it, or point mirror.jdbc.url elsewhere.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        return UserMessage.ofRoot(e, "no reason given");
    }
}
