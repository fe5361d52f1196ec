package io.klinksync.testing;

import io.klinksync.mirror.MirrorVendor;

import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a mirror's tables as values that mean the same on every vendor (instants, booleans, exact numbers,
 * strings), so that two mirrors can be compared row by row: written for the tests apart from the copier itself.
 */
public final class MirrorTables {

    private final Connection connection;
    private final MirrorVendor vendor;

    private MirrorTables(Connection connection, MirrorVendor vendor) {
        this.connection = connection;
        this.vendor = vendor;
    }

    public static MirrorTables open(String url, String user, String password) throws SQLException {
        return new MirrorTables(DriverManager.getConnection(url, user, password), MirrorVendor.fromUrl(url));
    }

    /** The tables (lower-case name -> name as stored), without views, schema histories, QRTZ_ or sqlite_ tables. */
    public Map<String, String> tables() throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.endsWith("schema_history") && !lower.startsWith("qrtz_") && !lower.startsWith("sqlite_")) {
                    tables.put(lower, name);
                }
            }
        }
        return tables;
    }

    /** Every row of the table, columns in name order (those of only), rows sorted by their text. */
    public List<Map<String, Object>> rows(String table, Set<String> only) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + tables().get(table.toLowerCase(Locale.ROOT)))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                    if (only.contains(name)) {
                        row.put(name, value(rs, meta, i));
                    }
                }
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    /** Lower-case column names of the table. */
    public Set<String> columns(String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + tables().get(table.toLowerCase(Locale.ROOT)) + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    public long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row counts of every table. */
    public Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : tables().entrySet()) {
            counts.put(table.getKey(), count("SELECT COUNT(*) FROM " + table.getValue()));
        }
        return counts;
    }

    private Object value(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        String typeName = String.valueOf(meta.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.contains("TIMESTAMP")
                || typeName.contains("DATETIME")) {
            return vendor.readInstant(rs, meta.getColumnLabel(i));
        }
        if (type == Types.BOOLEAN || typeName.startsWith("BOOL") || (type == Types.BIT && vendor != MirrorVendor.MARIADB)) {
            boolean value = rs.getBoolean(i);
            return rs.wasNull() ? null : value;
        }
        Object value = rs.getObject(i);
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value;
    }

    public void close() throws SQLException {
        connection.close();
    }
}
