package io.klinksync.mirror;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One column a {@link MirrorCopy} carries, and how its values cross from one vendor to the other. */
record CopiedColumn(String name, Kind kind) {

    enum Kind { TIMESTAMP, BOOLEAN, INTEGER, DECIMAL, TEXT, OTHER }

    /** The columns of a table that both ends have, less those the target computes itself, in the source's order. */
    static List<CopiedColumn> of(Connection in, String sourceTable, Connection out, MirrorVendor to, String targetTable)
            throws SQLException {
        Map<String, Kind> sourceColumns = columns(in, sourceTable);
        Map<String, Kind> targetColumns = columns(out, targetTable);
        Set<String> generated = generatedColumns(out, to, targetTable);
        List<CopiedColumn> columns = new ArrayList<>();
        sourceColumns.forEach((name, kind) -> {
            Kind targetKind = targetColumns.get(name);
            if (targetKind != null && !generated.contains(name)) {
                columns.add(new CopiedColumn(name, combine(kind, targetKind)));
            }
        });
        return columns;
    }

    /** Reads this column of the current row from the source and binds it as parameter index of the target's insert. */
    void transfer(ResultSet rs, MirrorVendor from, PreparedStatement write, MirrorVendor to, int index) throws SQLException {
        switch (kind) {
            case TIMESTAMP -> {
                Instant value = from.readInstant(rs, name);
                to.bindInstant(write, index, value);
            }
            case BOOLEAN -> {
                boolean value = rs.getBoolean(index);
                if (rs.wasNull()) {
                    write.setNull(index, Types.BOOLEAN);
                } else {
                    write.setBoolean(index, value);
                }
            }
            case INTEGER -> {
                long value = rs.getLong(index);
                if (rs.wasNull()) {
                    write.setNull(index, Types.BIGINT);
                } else {
                    write.setLong(index, value);
                }
            }
            case DECIMAL -> {
                BigDecimal value = rs.getBigDecimal(index);
                if (value == null) {
                    write.setNull(index, Types.DECIMAL);
                } else {
                    write.setBigDecimal(index, value);
                }
            }
            case TEXT -> {
                String value = rs.getString(index);
                if (value == null) {
                    write.setNull(index, Types.VARCHAR);
                } else {
                    write.setString(index, to.storable(value));
                }
            }
            case OTHER -> {
                Object value = rs.getObject(index);
                if (value == null) {
                    write.setNull(index, Types.NULL);
                } else {
                    write.setObject(index, value);
                }
            }
        }
    }

    /** Either end may know better: SQLite's BOOLEAN and TIMESTAMP, MariaDB's TINYINT(1) booleans. */
    private static Kind combine(Kind source, Kind target) {
        for (Kind kind : List.of(Kind.TIMESTAMP, Kind.BOOLEAN)) {
            if (source == kind || target == kind) {
                return kind;
            }
        }
        return target == Kind.OTHER ? source : target;
    }

    /** Columns by lower-case name, in table order. */
    private static Map<String, Kind> columns(Connection c, String table) throws SQLException {
        Map<String, Kind> columns = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), StreamSchema.exactly(c, table), "%")) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        kind(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
            }
        }
        return columns;
    }

    private static Kind kind(int type, String typeName) {
        String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || name.contains("TIMESTAMP")
                || name.contains("DATETIME")) {
            return Kind.TIMESTAMP;
        }
        if (type == Types.BOOLEAN || name.startsWith("BOOL") || (type == Types.BIT && !name.startsWith("BIT("))) {
            return Kind.BOOLEAN;
        }
        return switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> Kind.TEXT;
            default -> name.contains("CHAR") || name.contains("TEXT") || name.contains("CLOB") ? Kind.TEXT : Kind.OTHER;
        };
    }

    /** The target's columns the database computes (lower-of keys such as email_key): never inserted. */
    private static Set<String> generatedColumns(Connection c, MirrorVendor vendor, String table) throws SQLException {
        Set<String> generated = new HashSet<>();
        if (vendor == MirrorVendor.SQLITE) {
            // hidden: 2 a virtual, 3 a stored generated column (the driver's metadata does not say).
            try (Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA table_xinfo(" + MirrorCopy.quoted(c, table) + ")")) {
                while (rs.next()) {
                    if (rs.getInt("hidden") >= 2) {
                        generated.add(rs.getString("name").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return generated;
        }
        String sql = switch (vendor) {
            case MARIADB -> "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = ? AND (is_generated = 'ALWAYS' OR extra LIKE '%GENERATED%' OR extra = 'PERSISTENT')";
            case POSTGRESQL -> "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                    + " AND table_name = ? AND is_generated = 'ALWAYS'";
            default -> "SELECT column_name FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA"
                    + " AND table_name = ? AND is_generated = 'ALWAYS'";
        };
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    generated.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return generated;
    }
}
