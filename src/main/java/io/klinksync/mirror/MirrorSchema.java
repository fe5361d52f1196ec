package io.klinksync.mirror;

import io.klinksync.mirror.migration.V5_1__Lock_rows;
import io.klinksync.mirror.migration.V7_1__Quartz_job_store;
import io.klinksync.streams.StreamDeclarations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings a mirror's schema up to date when it opens, in this order:
 * <ol>
 *   <li>a mirror made by release 0 (per-vendor migrations V1..V11 in flyway_schema_history) is upgraded in place
 *   (see {@link #upgradeReleaseZero});</li>
 *   <li>Flyway applies the fixed tables' migrations, db/migration/common, with the vendor's placeholders
 *   (db/vendors/VENDOR.properties), recording them in klink_schema_history;</li>
 *   <li>{@link StreamSchema} creates the declared stream tables the mirror lacks and checks the columns of the
 *   others; the contacts_wide view, which reads contacts, is created with it.</li>
 * </ol>
 */
public final class MirrorSchema {

    /** Flyway's history of db/migration/common. */
    public static final String HISTORY = "klink_schema_history";
    /** The history of release 0's per-vendor migrations, Flyway's default table. */
    static final String RELEASE_ZERO_HISTORY = "flyway_schema_history";
    static final String RELEASE_ZERO_LAST = "11";

    private MirrorSchema() {
    }

    /** Flyway over the common migrations, with the vendor's placeholders. */
    public static FluentConfiguration configure(MirrorVendor vendor, String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .table(HISTORY)
                .locations("classpath:db/migration/common")
                .placeholders(VendorDialect.of(vendor).placeholders())
                .javaMigrations(new V5_1__Lock_rows(), new V7_1__Quartz_job_store());
    }

    /**
     * Steps 1 to 3 above, under the vendor's schema lock (schema_lock). Flyway gets its own connections (jdbcUrl): on PostgreSQL it holds a lock connection
     * beside the one that migrates, which would starve a pool of size 1.
     */
    static void prepare(DataSource pool, MirrorVendor vendor, String jdbcUrl, String user, String password,
                        StreamDeclarations streams) throws SQLException {
        VendorDialect dialect = VendorDialect.of(vendor);
        StreamSchema schema = new StreamSchema(dialect);
        // One connection does it all under the schema lock (a pool of one has no other), so that nodes starting
        // together on a new database create each table once; Flyway takes its own lock on its own connections.
        AutoCloseable fileLock = SqliteFiles.schemaLock(vendor, jdbcUrl);
        try {
            new MirrorJdbc(pool, vendor).onConnection(c -> {
                lock(c, dialect, true);
                try {
                    upgradeReleaseZero(c, vendor, schema, streams, configure(vendor, jdbcUrl, user, password));
                    configure(vendor, jdbcUrl, user, password).load().migrate();
                    schema.apply(c, streams);
                    WideContacts.createViewIfMissing(c, vendor);
                } finally {
                    lock(c, dialect, false);
                }
                return null;
            });
        } finally {
            try {
                fileLock.close();
            } catch (Exception e) {
                // The system frees the file lock when the channel or the process ends.
            }
        }
    }

    private static void lock(Connection c, VendorDialect dialect, boolean take) throws SQLException {
        String sql = dialect.schemaLock(take);
        if (!sql.isEmpty()) {
            try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                // GET_LOCK answers 1, or 0 when its wait ran out; pg_advisory_lock waits as long as it takes.
                if (take && rs.next() && "0".equals(rs.getString(1))) {
                    throw new MirrorException("Another klink-sync process has been bringing this mirror's schema up to"
                            + " date for 10 minutes; try again when it has finished.");
                }
            }
        }
    }

    /** Whether the mirror still has release 0's history, which the next open upgrades. */
    public static boolean awaitsReleaseZeroUpgrade(Connection c) throws SQLException {
        return StreamSchema.tableNames(c).containsKey(RELEASE_ZERO_HISTORY);
    }

    /**
     * A mirror made by release 0 has every table already, made by its per-vendor V1..V11, whose history (with
     * per-vendor checksums, and a V3 on H2 alone) no longer matches any file. It is upgraded in place, nothing
     * copied: (1) the two history columns release 0 typed apart from their table (contact_emails_history.email was
     * VARCHAR(255), contact_tags_history.tag_name unbounded text) get their table's declared type, and indexes
     * named before the TABLE_COLUMN_idx rule are renamed; (2) klink_schema_history is baselined at V11, so the
     * common migrations up to V11, which release 0 already applied, never run there; (3) flyway_schema_history
     * is dropped. Each step is safe to repeat, so an upgrade stopped half way finishes at the next open; a mirror
     * whose release-0 history stops short of V11 is refused, since its missing steps are no longer shipped.
     * The SQL of this class is the one vendor switch of the schema outside db/vendors: it serves only the three
     * vendors release 0 had, and a new vendor never passes here.
     */
    static void upgradeReleaseZero(Connection c, MirrorVendor vendor, StreamSchema schema, StreamDeclarations streams,
                                   FluentConfiguration flyway) throws SQLException {
        Map<String, String> tables = StreamSchema.tableNames(c);
        String old = tables.get(RELEASE_ZERO_HISTORY);
        if (old == null) {
            return;
        }
        String quote = vendor == MirrorVendor.MARIADB ? "`" : "\"";
        if (!tables.containsKey(HISTORY)) {
            requireLastRelease(c, quote + old + quote, quote);
            try (Statement statement = c.createStatement()) {
                for (String sql : alignments(c, vendor, schema, streams, tables)) {
                    statement.execute(sql);
                }
            }
            flyway.baselineVersion(RELEASE_ZERO_LAST).baselineDescription("release 0 mirror, upgraded in place")
                    .load().baseline();
        }
        try (Statement statement = c.createStatement()) {
            statement.execute("DROP TABLE " + quote + old + quote);
        }
    }

    private static void requireLastRelease(Connection c, String table, String quote) throws SQLException {
        List<String> applied = new ArrayList<>();
        boolean failed = false;
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + quote + "version" + quote + ", " + quote + "success" + quote
                     + " FROM " + table + " ORDER BY " + quote + "installed_rank" + quote)) {
            while (rs.next()) {
                applied.add(rs.getString(1));
                failed |= !rs.getBoolean(2);
            }
        }
        if (failed || !applied.contains(RELEASE_ZERO_LAST)) {
            throw new MirrorException("This mirror was made by a build of klink-sync older than release 0.1.0 (its"
                    + " schema history, flyway_schema_history, has " + applied + (failed ? " with a failed migration" : "")
                    + ", not V1 to V" + RELEASE_ZERO_LAST + "). Open it once with klink-sync 0.1.0, which migrates it to V"
                    + RELEASE_ZERO_LAST + "; this build upgrades it from there.");
        }
    }

    /** The statements that give a release-0 mirror's stream tables the declared types and index names. */
    private static List<String> alignments(Connection c, MirrorVendor vendor, StreamSchema schema, StreamDeclarations streams,
                                           Map<String, String> tables) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (StreamSchema.Table table : schema.tables(streams)) {
            String stored = tables.get(table.name().toLowerCase(Locale.ROOT));
            if (stored == null) {
                continue;
            }
            Map<String, Integer> sizes = columnSizes(c, stored);
            for (StreamSchema.Col column : table.columns()) {
                Integer size = sizes.get(column.name());
                if (column.length() != null && column.computed() == null && size != null && size.intValue() != column.length()) {
                    statements.add(switch (vendor) {
                        case H2 -> "ALTER TABLE " + table.name() + " ALTER COLUMN " + column.name() + " SET DATA TYPE " + column.type();
                        case POSTGRESQL -> "ALTER TABLE " + table.name() + " ALTER COLUMN " + column.name() + " TYPE " + column.type();
                        case MARIADB -> "ALTER TABLE " + table.name() + " MODIFY " + column.definition();
                        case SQLITE -> throw new IllegalStateException("release 0 had no SQLite mirror");
                    });
                }
            }
            Map<String, List<String>> indexes = indexes(c, stored);
            table.indexes().forEach((name, columns) -> {
                if (indexes.containsKey(name)) {
                    return;
                }
                indexes.entrySet().stream().filter(e -> e.getValue().equals(columns)).findFirst().ifPresent(e ->
                        statements.add(vendor == MirrorVendor.MARIADB
                                ? "ALTER TABLE " + table.name() + " RENAME INDEX " + e.getKey() + " TO " + name
                                : "ALTER INDEX " + e.getKey() + " RENAME TO " + name));
            });
        }
        return statements;
    }

    private static Map<String, Integer> columnSizes(Connection c, String table) throws SQLException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), StreamSchema.exactly(c, table), "%")) {
            while (rs.next()) {
                sizes.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"));
            }
        }
        return sizes;
    }

    /** The table's indexes by lower-case name, each with its lower-case columns in order. */
    static Map<String, List<String>> indexes(Connection c, String table) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), table, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name != null && column != null) {
                    indexes.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(column.toLowerCase(Locale.ROOT));
                }
            }
        }
        return indexes;
    }
}
