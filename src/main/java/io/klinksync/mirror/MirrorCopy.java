package io.klinksync.mirror;

import io.klinksync.config.UserMessage;
import io.klinksync.streams.StreamDeclarations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Copies every table of a klink-sync mirror from one database to another, e.g. an H2 mirror into SQLite or
 * PostgreSQL. Both ends are opened by {@link MirrorDatabase#open}, so the source is brought up to this build's
 * schema and the target's tables are made by the product itself; then the rows of each table the two share are
 * streamed across (fetch-size reads, batched inserts) for the columns both have, generated columns left to the
 * target. The whole copy is one transaction on the target: a copy that fails leaves it with its new, empty
 * tables. A target that already holds rows is refused before anything is written.
 *
 * <p>Not copied: the schema histories (each end keeps its own), H2's lock anchors (sync_lock_rows) and Quartz's
 * QRTZ_ tables (scheduler state, which `run` rebuilds from the schedules when it starts). Values keep their meaning exactly: instants are read and
 * bound as UTC instants through {@link MirrorVendor} (ISO-8601 UTC text on SQLite), text as strings, booleans as
 * booleans, numbers as numbers. After the copy, identity columns continue after the largest copied id.
 */
public final class MirrorCopy {

    /** Rows read per round trip from the source. */
    static final int FETCH_SIZE = 1000;
    /** Rows inserted per JDBC batch into the target. */
    static final int BATCH_SIZE = 500;
    private static final int POOL_SIZE = 2;
    /**
     * The schema histories (each end keeps its own), and H2's stream lock anchors (sync_lock_rows: a row per stream,
     * made again when a stream is first locked; other vendors lock otherwise).
     */
    private static final Set<String> NOT_COPIED = Set.of(MirrorSchema.HISTORY, MirrorSchema.RELEASE_ZERO_HISTORY,
            "sync_lock_rows");

    /** One end of a copy: a JDBC URL and who it is opened as (the password is never shown). */
    public record Endpoint(String url, String user, String password) {

        /** An empty user is H2's sa, as for the mirror itself (MirrorLogin); other vendors get the driver's default. */
        public static Endpoint of(String url, String user, String password) {
            MirrorLogin login = MirrorLogin.of(url, user, password);
            return new Endpoint(url, login.user(), login.password());
        }

        /** The URL with any password removed. */
        public String describe() {
            return MirrorDatabase.redact(url);
        }

        @Override
        public String toString() {
            return describe() + " as user '" + user + "'";
        }
    }

    /** Rows copied into one table. */
    public record TableCount(String table, long rows) {
    }

    /** What a copy did: rows per table in the order copied, and the source's tables the target has no place for. */
    public record Result(List<TableCount> tables, List<String> leftOut) {

        public long rows() {
            return tables.stream().mapToLong(TableCount::rows).sum();
        }
    }

    private MirrorCopy() {
    }

    /**
     * Copies from into to (see the class comment), telling each table's count to progress as it is done.
     *
     * @throws MirrorException in one line, when either end cannot be opened, the target holds rows, or a row
     *                         cannot be stored; the target's transaction is rolled back then
     */
    public static Result copy(Endpoint from, Endpoint to, StreamDeclarations streams, Consumer<TableCount> progress) {
        if (from.url().trim().equals(to.url().trim())) {
            throw new MirrorException("The source and the target of a mirror copy are the same database ("
                    + from.describe() + "); name a new, empty database as the target.");
        }
        requireSourceFile(from);
        try (MirrorDatabase source = MirrorDatabase.open(from.url(), from.user(), from.password(), POOL_SIZE, streams);
             MirrorDatabase target = MirrorDatabase.open(to.url(), to.user(), to.password(), POOL_SIZE, streams)) {
            return copy(source, target, progress);
        }
    }

    /** An embedded source must exist: opening it would otherwise make an empty mirror there and copy nothing. */
    private static void requireSourceFile(Endpoint from) {
        MirrorVendor vendor = MirrorVendor.fromUrl(from.url());
        Path file = vendor == MirrorVendor.SQLITE ? SqliteFiles.database(from.url())
                : vendor == MirrorVendor.H2 && MirrorDatabase.h2File(from.url()) != null
                ? Path.of(MirrorDatabase.h2File(from.url()) + ".mv.db") : null;
        if (file != null && !Files.isRegularFile(file)) {
            throw new MirrorException("The mirror to copy, " + from.describe() + ", does not exist: there is no file "
                    + file.normalize() + ". Check --from.");
        }
    }

    /** Copies between two opened mirrors. */
    static Result copy(MirrorDatabase source, MirrorDatabase target, Consumer<TableCount> progress) {
        boolean committed = false;
        try (Connection in = source.dataSource().getConnection(); Connection out = target.dataSource().getConnection()) {
            // A read in a transaction: PostgreSQL streams by fetch size only there, and the source reads one snapshot.
            in.setAutoCommit(false);
            if (source.vendor() == MirrorVendor.H2) {
                // H2 otherwise reads a whole result before the first row (spilling large ones to a temporary file).
                try (Statement lazy = in.createStatement()) {
                    lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
                }
            }
            Map<String, String> sourceTables = copiedTables(in);
            Map<String, String> targetTables = copiedTables(out);
            List<String> leftOut = new ArrayList<>();
            List<String> shared = new ArrayList<>();
            sourceTables.keySet().forEach(name -> (targetTables.containsKey(name) ? shared : leftOut).add(name));
            refuseRows(out, target, shared.stream().map(targetTables::get).toList());

            List<TableCount> counts = new ArrayList<>();
            out.setAutoCommit(false);
            try {
                for (String name : shared) {
                    long rows = copyTable(in, source.vendor(), sourceTables.get(name), out, target.vendor(), targetTables.get(name));
                    TableCount count = new TableCount(name, rows);
                    counts.add(count);
                    progress.accept(count);
                }
                out.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                rollback(out);
                throw e;
            } finally {
                out.setAutoCommit(true);
                in.rollback();
            }
            // After the commit: on H2 and MariaDB DDL (an identity's restart, a view) commits whatever came before it.
            continueIdentities(out, target.vendor(), shared.stream().map(targetTables::get).toList());
            WideContacts.recreateView(out, target.vendor());
            return new Result(List.copyOf(counts), List.copyOf(leftOut));
        } catch (SQLException e) {
            String reason = UserMessage.of(e, "no reason given");
            throw new Failed("Cannot copy the mirror " + source.describe() + " into " + target.describe() + ": "
                    + reason + (committed
                    ? ". The rows were copied, but the target's generated ids or its contacts_wide view were not brought"
                    + " up to date: copy again into a new, empty database."
                    : ". The target was left without any copied row."), reason, e);
        }
    }

    /** A copy that failed on a row or a statement; reason is what the database said, and where. */
    public static final class Failed extends MirrorException {

        private final String reason;

        Failed(String message, String reason, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The tables to copy, by lower-case name as the database spells them, in name order. */
    private static Map<String, String> copiedTables(Connection c) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (!NOT_COPIED.contains(lower) && !lower.startsWith("qrtz_") && !lower.startsWith("sqlite_")) {
                    tables.put(lower, name);
                }
            }
        }
        return tables;
    }

    private static void refuseRows(Connection out, MirrorDatabase target, List<String> tables) throws SQLException {
        for (String table : tables) {
            try (Statement statement = out.createStatement()) {
                statement.setMaxRows(1);
                try (ResultSet rs = statement.executeQuery("SELECT 1 FROM " + quoted(out, table))) {
                    if (rs.next()) {
                        throw new MirrorException("The target " + target.describe() + " already holds rows (table "
                                + table.toLowerCase(Locale.ROOT) + " is not empty); a mirror is copied only into a new,"
                                + " empty database. Nothing was copied.");
                    }
                }
            }
        }
    }

    private static long copyTable(Connection in, MirrorVendor from, String sourceTable, Connection out, MirrorVendor to,
                                  String targetTable) throws SQLException {
        List<CopiedColumn> columns = CopiedColumn.of(in, sourceTable, out, to, targetTable);
        if (columns.isEmpty()) {
            return 0;
        }
        List<String> names = columns.stream().map(CopiedColumn::name).toList();
        String select = "SELECT " + String.join(", ", names.stream().map(n -> quotedColumn(in, n)).toList())
                + " FROM " + quoted(in, sourceTable);
        String insert = "INSERT INTO " + quoted(out, targetTable) + " ("
                + String.join(", ", names.stream().map(n -> quotedColumn(out, n)).toList()) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        long rows = 0;
        try (Statement read = in.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             PreparedStatement write = out.prepareStatement(insert)) {
            read.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = read.executeQuery(select)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        columns.get(i).transfer(rs, from, write, to, i + 1);
                    }
                    write.addBatch();
                    rows++;
                    if (++pending == BATCH_SIZE) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new SQLException("table " + targetTable.toLowerCase(Locale.ROOT) + " (within its first " + rows + " rows): "
                    + UserMessage.ofRoot(e, "no reason given"), e.getSQLState(), e);
        }
        return rows;
    }

    /**
     * Makes the next generated id of each identity column follow the largest one copied in (the rows kept their
     * ids). SQLite's AUTOINCREMENT follows inserted ids by itself (sqlite_sequence), and so does MariaDB's
     * AUTO_INCREMENT; PostgreSQL's and H2's identity sequences do not.
     */
    private static void continueIdentities(Connection c, MirrorVendor vendor, List<String> tables) throws SQLException {
        if (vendor != MirrorVendor.POSTGRESQL && vendor != MirrorVendor.H2) {
            return;
        }
        for (String table : tables) {
            for (String column : identityColumns(c, vendor, table)) {
                long next = 1;
                try (Statement statement = c.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT MAX(" + column + ") FROM " + quoted(c, table))) {
                    if (rs.next()) {
                        next = rs.getLong(1) + 1;
                    }
                }
                try (Statement statement = c.createStatement()) {
                    if (vendor == MirrorVendor.POSTGRESQL) {
                        statement.executeQuery("SELECT setval(pg_get_serial_sequence('" + quoted(c, table) + "', '"
                                + column + "'), " + next + ", false)").close();
                    } else {
                        statement.execute("ALTER TABLE " + quoted(c, table) + " ALTER COLUMN " + column + " RESTART WITH " + next);
                    }
                }
            }
        }
    }

    private static List<String> identityColumns(Connection c, MirrorVendor vendor, String table) throws SQLException {
        String sql = vendor == MirrorVendor.POSTGRESQL
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA"
                + " AND table_name = ? AND is_identity = 'YES'";
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    static String quoted(Connection c, String table) {
        return quote(c, table);
    }

    /** Column names are the product's own (lower case letters, digits, _); row_number is reserved on MariaDB. */
    private static String quotedColumn(Connection c, String column) {
        return quote(c, column);
    }

    private static String quote(Connection c, String name) {
        try {
            String mark = c.getMetaData().getIdentifierQuoteString();
            if (mark == null || mark.isBlank()) {
                return name;
            }
            String spelled = spelled(c, name);
            return mark + spelled + mark;
        } catch (SQLException e) {
            return name;
        }
    }

    /** The name as the database stores unquoted identifiers: upper case on H2, lower case on PostgreSQL. */
    private static String spelled(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        if (meta.storesUpperCaseIdentifiers()) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (meta.storesLowerCaseIdentifiers()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection's end rolls the transaction back too.
        }
    }
}
