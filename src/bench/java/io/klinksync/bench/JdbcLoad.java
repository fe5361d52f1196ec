package io.klinksync.bench;

import io.klinksync.mirror.Column;
import io.klinksync.mirror.MappedRecord;
import io.klinksync.mirror.MirrorTable;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.mirror.StreamTables;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load baseline of an embedded engine (SQLite, H2), which has no COPY: the same mapped rows as
 * {@link CopyLoad} ({@link MappedPages}) written by the engine's fastest plain-JDBC path into a mirror already
 * migrated by the product, so the schema and its indexes are the product's. One connection, one transaction, one
 * prepared INSERT per table fed by addBatch/executeBatch; on SQLite with synchronous=OFF and no rollback journal,
 * since it is a lower bound and not a crash-safe writer. Run in a fresh JVM, as cold as the sync it is compared with.
 */
public final class JdbcLoad {

    /** Rows bound per executeBatch. */
    private static final int BATCH = 1000;

    private final String jdbcUrl;
    private final String user;
    private final MirrorVendor vendor;

    public JdbcLoad(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.vendor = MirrorVendor.fromUrl(jdbcUrl);
    }

    /** The load in a new JVM; timed there, without its start-up. */
    public static CopyLoad.Result loadInFreshJvm(BenchSetup setup, String jdbcUrl, String user, Path pagesDir,
                                                 String stream, Path log) {
        String[] f = FreshJvm.run(setup, JdbcLoad.class, List.of(jdbcUrl, user.isEmpty() ? "-" : user,
                pagesDir.toString(), stream), log);
        return new CopyLoad.Result(Long.parseLong(f[0]), CopyLoad.parseRows(f[1]), Long.parseLong(f[2]));
    }

    /** JdbcLoad JDBC_URL USER PAGES_DIR STREAM; USER - is the empty user. */
    public static void main(String[] args) {
        CopyLoad.Result result = new JdbcLoad(args[0], "-".equals(args[1]) ? "" : args[1]).load(Path.of(args[2]), args[3]);
        FreshJvm.printResult(result.records(), CopyLoad.formatRows(result.rows()), result.nanos());
    }

    public CopyLoad.Result load(Path pagesDir, String stream) {
        StreamTables tables = StreamTables.of(stream);
        long started = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String url = vendor == MirrorVendor.SQLITE ? jdbcUrl : vendor.tuneUrl(jdbcUrl);
        Map<MirrorTable, TableInsert> inserts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            if (vendor == MirrorVendor.SQLITE) {
                try (Statement pragma = c.createStatement()) {
                    pragma.execute("PRAGMA journal_mode=OFF");
                    pragma.execute("PRAGMA synchronous=OFF");
                }
            }
            c.setAutoCommit(false);
            try {
                for (MirrorTable table : tables.allTables()) {
                    inserts.put(table, new TableInsert(c, table, table == tables.parent()));
                }
                long records = MappedPages.feed(pagesDir, tables, new MappedPages.RowSink() {
                    @Override
                    public void parentRow(MappedRecord record) throws SQLException {
                        inserts.get(tables.parent()).parentRow(record, now);
                    }

                    @Override
                    public void row(MirrorTable table, Object[] values) throws SQLException {
                        inserts.get(table).row(values);
                    }
                });
                Map<String, Long> rows = new LinkedHashMap<>();
                for (TableInsert insert : inserts.values()) {
                    rows.put(insert.table.name(), insert.finish());
                }
                c.commit();
                return new CopyLoad.Result(records, rows, System.nanoTime() - started);
            } finally {
                for (TableInsert insert : inserts.values()) {
                    insert.statement.close();
                }
            }
        } catch (IOException | SQLException e) {
            throw new BenchException("The JDBC load baseline into " + jdbcUrl + " failed: " + e.getMessage(), e);
        }
    }

    /** One table's prepared INSERT, executed every {@value #BATCH} rows. */
    private final class TableInsert {
        final MirrorTable table;
        final PreparedStatement statement;
        int pending;
        long rows;

        TableInsert(Connection c, MirrorTable table, boolean parent) throws SQLException {
            this.table = table;
            List<String> columns = new ArrayList<>(table.columnNames());
            if (parent) {
                columns.addAll(MappedPages.PARENT_BOOKKEEPING);
            }
            this.statement = c.prepareStatement("INSERT INTO " + table.name() + " (" + String.join(", ", columns)
                    + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")");
        }

        void parentRow(MappedRecord record, Instant now) throws SQLException {
            int index = bind(record.parent());
            statement.setString(index++, record.rawJson());
            statement.setString(index++, record.contentHash());
            vendor.bindInstant(statement, index++, now);
            vendor.bindInstant(statement, index++, now);
            vendor.bindInstant(statement, index, null);
            add();
        }

        void row(Object[] values) throws SQLException {
            bind(values);
            add();
        }

        private int bind(Object[] values) throws SQLException {
            List<Column> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                vendor.bind(statement, i + 1, columns.get(i).type(), values[i]);
            }
            return columns.size() + 1;
        }

        private void add() throws SQLException {
            statement.addBatch();
            if (++pending == BATCH) {
                execute();
            }
        }

        private void execute() throws SQLException {
            if (pending > 0) {
                for (int count : statement.executeBatch()) {
                    rows += count == Statement.SUCCESS_NO_INFO ? 1 : count;
                }
                pending = 0;
            }
        }

        long finish() throws SQLException {
            execute();
            return rows;
        }
    }
}
