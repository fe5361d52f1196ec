package io.klinksync.mirror;

import io.klinksync.streams.ColumnDeclaration;
import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.StreamDeclarations;
import io.klinksync.streams.TableDeclaration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stream tables, written from the declarations (config/streams/*.stream.yaml) in the vendor's dialect: each
 * stream's table, its children and shared tables, the _history table of the first two, and their indexes. When
 * the mirror opens, a table that does not exist is created; a table that exists must have every declared column,
 * and each one it lacks is a line naming the stream, the table, the column and the statement that adds it.
 *
 * <p>The shape, the same for every stream: a parent table has its declared columns (the primary key NOT NULL),
 * then raw_json, content_hash, first_seen_at, synced_at, deleted_at. A child table starts with the parent key
 * (typed as the parent's key), then its columns (its key NOT NULL), then position when kept. A child column named
 * raw_json is the member's JSON, typed and required as the parent's. History tables repeat the written columns
 * with the types of their table: a parent's adds raw_json, content_hash, valid_from, valid_to, run_id, keyed
 * (id, valid_from); a child's adds valid_from, indexed by (valid_from, parent key): a version's rows are found by
 * both, and an index that leads with the parent's random id would make every commit rewrite pages all over it,
 * where one that leads with the write's instant is appended to (docs/benchmarks.md, issue 17). An index is
 * TABLE_COLUMN_idx.
 */
public final class StreamSchema {

    /** A table to create: its stream, columns in order, primary key (may be empty) and indexes. */
    record Table(String stream, String name, List<Col> columns, List<String> primaryKey, Map<String, List<String>> indexes) {

        Optional<Col> column(String column) {
            return columns.stream().filter(c -> c.name().equals(column)).findFirst();
        }
    }

    /** One column: its SQL type, NOT NULL, and for a computed column the definition tail that computes it. */
    record Col(String name, String type, Integer length, boolean notNull, String computed) {

        String definition() {
            return name + " " + type + (computed == null ? "" : " " + computed) + (notNull ? " NOT NULL" : "");
        }
    }

    private static final String RAW_JSON = "raw_json";

    private final VendorDialect dialect;

    public StreamSchema(VendorDialect dialect) {
        this.dialect = dialect;
    }

    /** Every table of the declared streams, each parent and child followed by its history table. */
    List<Table> tables(StreamDeclarations streams) {
        List<Table> tables = new ArrayList<>();
        for (StreamDeclaration stream : streams.all()) {
            TableDeclaration parent = stream.table();
            tables.add(parent(stream, parent));
            tables.add(parentHistory(stream, parent));
            ColumnDeclaration key = parent.columns().stream().filter(c -> c.name().equals(stream.primaryKey()))
                    .findFirst().orElseThrow();
            for (TableDeclaration child : stream.children()) {
                tables.add(child(stream, child, key, false));
                tables.add(child(stream, child, key, true));
            }
            for (TableDeclaration shared : stream.shared()) {
                tables.add(shared(stream, shared));
            }
        }
        return tables;
    }

    private Table parent(StreamDeclaration stream, TableDeclaration table) {
        List<Col> columns = new ArrayList<>();
        for (ColumnDeclaration c : table.columns()) {
            columns.add(column(c, table.key().contains(c.name())));
        }
        columns.add(new Col(RAW_JSON, dialect.longText(), null, true, null));
        columns.add(new Col("content_hash", "CHAR(64)", null, true, null));
        columns.add(new Col("first_seen_at", dialect.timestamp(), null, true, null));
        columns.add(new Col("synced_at", dialect.timestamp(), null, true, null));
        columns.add(new Col("deleted_at", dialect.timestamp(), null, false, null));
        return new Table(stream.name(), table.name(), columns, table.key(), indexes(table));
    }

    private Table parentHistory(StreamDeclaration stream, TableDeclaration table) {
        List<Col> columns = new ArrayList<>();
        for (ColumnDeclaration c : table.writtenColumns()) {
            columns.add(column(c, table.key().contains(c.name())));
        }
        columns.add(new Col(RAW_JSON, dialect.longText(), null, true, null));
        columns.add(new Col("content_hash", "CHAR(64)", null, true, null));
        columns.add(new Col("valid_from", dialect.timestamp(), null, true, null));
        columns.add(new Col("valid_to", dialect.timestamp(), null, false, null));
        columns.add(new Col("run_id", "BIGINT", null, true, null));
        String name = history(table.name());
        List<String> key = Stream.concat(table.key().stream(), Stream.of("valid_from")).toList();
        return new Table(stream.name(), name, columns, key, Map.of(name + "_valid_idx", List.of("valid_from", "valid_to")));
    }

    private Table child(StreamDeclaration stream, TableDeclaration table, ColumnDeclaration parentKey, boolean history) {
        List<Col> columns = new ArrayList<>();
        columns.add(new Col(table.parentKey(), dialect.type(parentKey.type(), parentKey.length()), parentKey.length(),
                true, dialect.lengthCheck(table.parentKey(), parentKey.length())));
        for (ColumnDeclaration c : history ? table.writtenColumns() : table.columns()) {
            boolean key = table.key().contains(c.name());
            if (c.name().equals(RAW_JSON)) {
                columns.add(new Col(RAW_JSON, dialect.longText(), null, !history, null));
            } else {
                columns.add(column(c, key));
            }
        }
        if (table.position()) {
            columns.add(new Col("position", "INTEGER", null, !history, null));
        }
        if (history) {
            columns.add(new Col("valid_from", dialect.timestamp(), null, true, null));
            String name = history(table.name());
            return new Table(stream.name(), name, columns, List.of(),
                    Map.of(name + "_version_idx", List.of("valid_from", table.parentKey())));
        }
        List<String> key = Stream.concat(Stream.of(table.parentKey()), table.key().stream()).toList();
        return new Table(stream.name(), table.name(), columns, key, indexes(table));
    }

    private Table shared(StreamDeclaration stream, TableDeclaration table) {
        List<Col> columns = table.columns().stream().map(c -> column(c, table.key().contains(c.name()))).toList();
        return new Table(stream.name(), table.name(), columns, table.key(), indexes(table));
    }

    private Col column(ColumnDeclaration c, boolean key) {
        // A lower-of column the writer fills (SQLite) has no length check: its source column's check holds the
        // length, and a lower case can be longer than its upper case (İ is i and a combining dot).
        return new Col(c.name(), dialect.type(c.type(), c.length()), c.length(), key,
                c.generated() ? dialect.lowerOf(c.lowerOf()) : dialect.lengthCheck(c.name(), c.length()));
    }

    private static Map<String, List<String>> indexes(TableDeclaration table) {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        table.columns().stream().filter(ColumnDeclaration::index)
                .forEach(c -> indexes.put(table.name() + "_" + c.name() + "_idx", List.of(c.name())));
        return indexes;
    }

    static String history(String table) {
        return table + "_history";
    }

    /** CREATE TABLE and its CREATE INDEX statements. */
    List<String> create(Table table) {
        List<String> lines = table.columns().stream().map(Col::definition).collect(Collectors.toCollection(ArrayList::new));
        if (!table.primaryKey().isEmpty()) {
            lines.add("PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
        }
        List<String> statements = new ArrayList<>();
        statements.add(("CREATE TABLE " + table.name() + " (\n    " + String.join(",\n    ", lines) + "\n) "
                + dialect.tableOptions()).strip());
        table.indexes().forEach((name, columns) -> statements.add(createIndex(table, name, columns)));
        return statements;
    }

    private String createIndex(Table table, String name, List<String> columns) {
        return "CREATE INDEX " + name + " ON " + table.name() + " (" + columns.stream()
                .map(c -> dialect.indexed(c, table.column(c).map(Col::length).orElse(null)))
                .collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The statements that bring an existing table's declared indexes up to date: one it lacks is created, one
     * whose columns differ from the declaration is dropped and created again. Indexes of other names (a user's
     * own) are left alone.
     */
    List<String> indexUpdates(Connection c, Table table, String stored) throws SQLException {
        Map<String, List<String>> existing = MirrorSchema.indexes(c, stored);
        List<String> statements = new ArrayList<>();
        table.indexes().forEach((name, columns) -> {
            List<String> found = existing.get(name.toLowerCase(Locale.ROOT));
            if (found != null && !found.equals(columns.stream().map(col -> col.toLowerCase(Locale.ROOT)).toList())) {
                statements.add(dialect.dropIndex(name, table.name()));
                found = null;
            }
            if (found == null) {
                statements.add(createIndex(table, name, columns));
            }
        });
        return statements;
    }

    /** The statement that adds a column a table lacks. */
    String addColumn(Table table, Col column) {
        return "ALTER TABLE " + table.name() + " ADD COLUMN " + column.definition();
    }

    /**
     * Checks that the tables that are there have every declared column: each one missing is a line of the
     * exception, and then nothing is changed. Otherwise creates, in one transaction (PostgreSQL's DDL is
     * transactional; H2 and MariaDB commit each statement, and a table is created before its indexes), every
     * declared table the mirror lacks and every declared index an existing table lacks or holds differently.
     */
    public void apply(Connection c, StreamDeclarations streams) throws SQLException {
        Map<String, String> existing = tableNames(c);
        List<String> create = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Table table : tables(streams)) {
            String stored = existing.get(table.name().toLowerCase(Locale.ROOT));
            if (stored == null) {
                create.addAll(create(table));
                continue;
            }
            List<String> columns = columnNames(c, stored);
            for (Col column : table.columns()) {
                if (!columns.contains(column.name().toLowerCase(Locale.ROOT))) {
                    missing.add(missingColumn(streams, table, column));
                }
            }
            create.addAll(indexUpdates(c, table, stored));
        }
        if (!missing.isEmpty()) {
            throw new MirrorException(String.join("\n", missing));
        }
        if (create.isEmpty()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement statement = c.createStatement()) {
            for (String sql : create) {
                statement.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The one line naming what is missing and how to add it. */
    String missingColumn(StreamDeclarations streams, Table table, Col column) {
        return "Stream " + table.stream() + " (" + streams.get(table.stream()).source() + "): the mirror table "
                + table.name() + " has no column " + column.name() + "; add it with: " + addColumn(table, column) + ";";
    }

    /** The tables of the connection's schema, by lower-case name, as the database spells them. */
    static Map<String, String> tableNames(Connection c) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE", "VIEW"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                names.put(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return names;
    }

    static List<String> columnNames(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), exactly(c, table), "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /** A metadata name pattern that matches the table alone: _ and % are wildcards there. */
    static String exactly(Connection c, String table) throws SQLException {
        String escape = c.getMetaData().getSearchStringEscape();
        return escape == null || escape.isEmpty() ? table
                : table.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
