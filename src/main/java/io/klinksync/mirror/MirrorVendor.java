package io.klinksync.mirror;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The databases the mirror supports, told apart by JDBC URL; each has its schema dialect, db/vendors/NAME.properties. */
public enum MirrorVendor {
    H2("h2"),
    POSTGRESQL("postgresql"),
    MARIADB("mariadb"),
    /** The embedded default (issue 17), chosen by a jdbc:sqlite: URL. */
    SQLITE("sqlite");

    /**
     * How SQLite holds an instant: ISO-8601 UTC text with exactly six fractional digits, so that text order is time
     * order (the mirror compares synced_at >= ? on it), SQLite's own date functions read it, and a sqlite3 shell
     * shows it as it is.
     */
    public static final DateTimeFormatter SQLITE_INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /**
     * How long a SQLite connection waits for the database's one write lock (another process's or another write
     * thread's) before failing with SQLITE_BUSY.
     */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 120_000;

    private final String folder;

    MirrorVendor(String folder) {
        this.folder = folder;
    }

    /** Name of the vendor's schema dialect (db/vendors/NAME.properties), used in messages too. */
    public String folder() {
        return folder;
    }

    /**
     * Pages one mirror transaction writes when sync.pages-per-write is auto. SQLite has one write lock, so the
     * concurrent writers take turns whatever the size, and every commit appends each index page it touched to
     * the WAL: with the records' random ids, a commit touches nearly as many pages for 400 records as for 1,000,
     * so larger commits cut the file writes most (docs/benchmarks.md, issue 17).
     */
    public int pagesPerWrite() {
        return this == SQLITE ? 10 : PAGES_PER_WRITE;
    }

    /** Pages per mirror transaction when sync.pages-per-write is auto, on the server databases and the CSV mirror. */
    public static final int PAGES_PER_WRITE = 4;

    public static MirrorVendor fromUrl(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new MirrorException("Unsupported mirror database URL '" + MirrorDatabase.redact(url) + "'. Set mirror.jdbc.url to"
                + " jdbc:h2:..., jdbc:postgresql://host/db, jdbc:mariadb://host/db (jdbc:mysql: is accepted too) or"
                + " jdbc:sqlite:/path/to/file.db.");
    }

    /**
     * The URL the pool really uses: the batching switches that make JDBC batches multi-row statements
     * (the write path depends on them for speed) and, for H2, VALUE usable as a column name.
     */
    public String tuneUrl(String url) {
        return switch (this) {
            // TIME ZONE=UTC: H2 turns a TIMESTAMP WITH TIME ZONE into a DATE through the session's zone, the JVM's.
            case H2 -> h2SharedFile(h2Setting(h2Setting(url, "NON_KEYWORDS", "VALUE"), "TIME ZONE", "UTC"));
            case POSTGRESQL -> withQueryParameter(url, "reWriteBatchedInserts", "true");
            case MARIADB -> {
                // The MariaDB driver only takes the mysql scheme when told to; speak its own scheme instead.
                String own = url.regionMatches(true, 0, "jdbc:mysql:", 0, 11) ? "jdbc:mariadb:" + url.substring(11) : url;
                yield withQueryParameter(withQueryParameter(own, "useBulkStmts", "true"), "useBulkStmtsForInserts", "true");
            }
            case SQLITE -> sqliteTuned(url);
        };
    }

    /**
     * SQLite in WAL mode, so readers (other processes, a sqlite3 shell) never block the writer nor it them.
     * transaction_mode=IMMEDIATE: every transaction takes the write lock when it begins, so a writer that finds it
     * held waits busy_timeout for it; with the driver's default deferred transactions a transaction that read first
     * fails with SQLITE_BUSY instead of waiting. synchronous=FULL: each commit is on disk (the WAL synced) before
     * it returns, as on PostgreSQL, which the import ledger relies on; NORMAL would stay crash-safe for the file
     * but could lose the last commits at a power loss. foreign_keys stays off: the mirror declares none.
     */
    private static String sqliteTuned(String url) {
        String tuned = withQueryParameter(url, "journal_mode", "WAL");
        tuned = withQueryParameter(tuned, "synchronous", "FULL");
        tuned = withQueryParameter(tuned, "transaction_mode", "IMMEDIATE");
        return withQueryParameter(tuned, "busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
    }

    /**
     * Whether the writer fills the mirror's lower-of columns (their dialect's lower_of is blank): SQLite's lower()
     * folds ASCII letters only, so ÉLODIE@EXAMPLE.COM would not meet élodie@example.com there. The writer folds
     * with {@link #fold}, as H2's LOWER does; a function of klink-sync's own in the schema would leave a file the
     * sqlite3 shell and other tools could not write.
     */
    public boolean writerFolds() {
        return this == SQLITE;
    }

    /** The lower case of a lower-of column where the writer fills it (and of a value looked up in it), or null. */
    public static String fold(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    /** The database file of a jdbc:sqlite: URL (query parameters left out), as an absolute path. */
    public static Path sqliteFile(String url) {
        return SqliteFiles.database(url);
    }

    /** Whether one process at a time opens the database: the embedded H2 (others go through its AUTO_SERVER). */
    public boolean embedded() {
        return this == H2 || this == SQLITE;
    }

    /**
     * An H2 file is opened with AUTO_SERVER=TRUE: the first process serves it to the others on this machine over a
     * local TCP port, so `sync`, `import` and `export` work while `run` holds the file. In-memory and server URLs
     * are left as they are.
     */
    private static String h2SharedFile(String url) {
        String location = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        boolean file = !(location.startsWith("mem:") || location.startsWith("tcp:") || location.startsWith("ssl:")
                || location.startsWith("zip:"));
        return file && !containsIgnoreCase(url, "AUTO_SERVER=") ? url + ";AUTO_SERVER=TRUE" : url;
    }

    private static String h2Setting(String url, String name, String value) {
        return containsIgnoreCase(url, name + "=") ? url : url + ";" + name + "=" + value;
    }

    private static String withQueryParameter(String url, String name, String value) {
        if (containsIgnoreCase(url, name + "=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the vendor's text columns can hold the text. PostgreSQL's text cannot hold U+0000, so a record
     * carrying it is rejected there; H2, MariaDB and SQLite keep it byte-exact (SQLite stores the bound length, NUL
     * included, though its SQL functions such as length() stop at the first NUL).
     */
    public boolean canHold(String text) {
        return this != POSTGRESQL || text.indexOf('\u0000') < 0;
    }

    /** The text as this vendor can store it: on PostgreSQL a NUL becomes the six characters \u0000, as in JSON. */
    public String storable(String text) {
        return text == null || canHold(text) ? text : text.replace("\u0000", "\\u0000");
    }

    /** Binds a value of a mirror column; instants go in as UTC (DATETIME(6) on MariaDB has no zone of its own). */
    public void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        switch (type) {
            case TEXT -> statement.setString(index, (String) value);
            case BOOLEAN -> {
                if (value == null) {
                    statement.setNull(index, Types.BOOLEAN);
                } else {
                    statement.setBoolean(index, (Boolean) value);
                }
            }
            case INTEGER -> {
                if (value == null) {
                    statement.setNull(index, Types.INTEGER);
                } else {
                    statement.setInt(index, ((Number) value).intValue());
                }
            }
            case TIMESTAMP -> bindInstant(statement, index, (Instant) value);
        }
    }

    /**
     * Lets the current transaction commit without waiting for its WAL to reach the disk (PostgreSQL's
     * synchronous_commit, for this transaction alone). For a sync's page writes: each waited 20-70 ms for an
     * fsync. The run's completing commit waits, which flushes every commit before it; a server crash before
     * that loses whole page transactions of a run that then never completes, and the next run writes them again.
     * SQLite's page writes have a connection of their own that never waits ({@link GroupCommit}).
     */
    public void skipCommitWait(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL synchronous_commit = off");
            }
        }
    }

    /**
     * Puts what the connection committed on disk before the caller relies on it. H2 keeps commits in memory for
     * up to its write delay (500 ms), so a killed process would lose them; CHECKPOINT writes them to the file.
     * PostgreSQL and MariaDB commits are on disk already, and so are SQLite's: its URL sets synchronous=FULL, and
     * the commit of a FULL transaction syncs the whole WAL, page writes committed at NORMAL before it included.
     */
    public void flushCommits(Connection connection) throws SQLException {
        if (this == H2) {
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
        }
    }

    public void bindInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (this == SQLITE) {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                statement.setString(index, sqliteInstant(value));
            }
        } else if (this == MARIADB) {
            if (value == null) {
                statement.setNull(index, Types.TIMESTAMP);
            } else {
                statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        } else if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** An instant and its SQLite text. */
    private record SqliteInstant(Instant instant, String text) {
    }

    private static volatile SqliteInstant lastSqliteInstant = new SqliteInstant(Instant.EPOCH, SQLITE_INSTANT.format(Instant.EPOCH));

    /** Formatted once per instant, not once per row: a batch binds one instant to each row it writes. */
    private static String sqliteInstant(Instant value) {
        SqliteInstant last = lastSqliteInstant;
        if (!last.instant().equals(value)) {
            last = new SqliteInstant(value, SQLITE_INSTANT.format(value));
            lastSqliteInstant = last;
        }
        return last.text();
    }

    /** Reads a timestamp column as the instant the writer stored. */
    public Instant readInstant(ResultSet rows, String column) throws SQLException {
        if (this == SQLITE) {
            String value = rows.getString(column);
            return value == null ? null : Instant.parse(value);
        }
        if (this == MARIADB) {
            LocalDateTime value = rows.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
