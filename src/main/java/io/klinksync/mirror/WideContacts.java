package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * contacts_wide: a view with one row per contact and one typed column per live custom field. The view casts a
 * value only when it matches the pattern of its type, so a report never fails on a bad value; the same patterns,
 * here in Java, fill custom_field_cast_errors. The columns live in contacts_wide_columns, and the view is
 * regenerated only when the live fields (added, renamed, archived, retyped, deleted) no longer match them.
 */
final class WideContacts {

    static final String VIEW = "contacts_wide";
    /** The tables the view is built from: the contacts stream's, and the custom field definitions'. */
    static final String CONTACTS = "contacts";
    static final String CONTACT_FIELDS = "contact_fields";
    static final String CUSTOM_FIELD_VALUES = "contact_custom_field_values";
    /** What CAST(... AS DECIMAL(38, 10)) takes on every vendor; no exponent, at most 28 integer digits. */
    static final String NUMBER = "^[-+]?[0-9]{1,28}([.][0-9]+)?$";
    /**
     * A calendar date from 1000-01-01 on (leap years included), optionally followed by an ISO-8601 time; the view
     * casts its first ten characters. POSIX-style so PostgreSQL, MariaDB and H2 (Java) read it alike.
     */
    static final String DATE = "^([1-9][0-9]{3}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
            + "|02-(0[1-9]|1[0-9]|2[0-8]))|([1-9][0-9](0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26])00)-02-29)"
            + "(T[0-9:.Z+-]*)?$";
    private static final Pattern NUMBER_PATTERN = Pattern.compile(NUMBER);
    private static final Pattern DATE_PATTERN = Pattern.compile(DATE);
    private static final List<String> SCALARS = List.of("id", "name", "address", "channel", "notes", "avatar_url",
            "company_id", "first_seen_at", "synced_at", "deleted_at");
    /** Below PostgreSQL's 63 and MariaDB's 64 characters, with room for a collision suffix. */
    private static final int MAX_NAME = 60;
    private static final int VALUE_COLUMN = 4;
    private static final int SYSTEM_NAME_COLUMN = 1;

    private final MirrorVendor vendor;

    WideContacts(MirrorVendor vendor) {
        this.vendor = vendor;
    }

    /** One typed column of the view. sqlType is text, numeric or date. */
    record WideColumn(String column, String fieldId, String systemName, String displayName, String fieldType,
                      String sqlType) {
    }

    static String sqlType(String fieldType) {
        String type = fieldType == null ? "" : fieldType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "number", "numeric" -> "numeric";
            case "date" -> "date";
            default -> "text"; // text, select (options in contact_field_options) and types we do not know
        };
    }

    /** Whether the value casts to the type; blank values are NULL, never an error. */
    static boolean casts(String sqlType, String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (sqlType) {
            case "numeric" -> NUMBER_PATTERN.matcher(value).matches();
            case "date" -> DATE_PATTERN.matcher(value).matches();
            default -> true;
        };
    }

    /** Safe column names from system names, in field order: a-z, 0-9 and _, unique, never a scalar column. */
    static List<String> columnNames(List<String> systemNames) {
        Set<String> taken = new HashSet<>(SCALARS);
        List<String> names = new ArrayList<>();
        for (String systemName : systemNames) {
            String base = systemName == null ? "" : systemName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
            if (base.replace("_", "").isEmpty()) {
                base = "field";
            }
            if (Character.isDigit(base.charAt(0))) {
                base = "cf_" + base;
            }
            base = base.substring(0, Math.min(base.length(), MAX_NAME));
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                String suffix = "_" + n;
                name = base.substring(0, Math.min(base.length(), MAX_NAME - suffix.length())) + suffix;
            }
            names.add(name);
        }
        return names;
    }

    /** Replaces the cast errors of the written contacts, against the columns the view has now. */
    void written(Connection c, List<MappedRecord> written, Instant now) throws SQLException {
        Map<String, WideColumn> typed = typedBySystemName(stored(c));
        if (typed.isEmpty()) {
            return; // no typed column, so no cast error anywhere (refresh cleared them)
        }
        // Every written id, new ones too: a contact deleted in hard mode and back again may have left its errors.
        deleteErrors(c, written.stream().map(MappedRecord::id).toList());
        List<Object[]> errors = new ArrayList<>();
        for (MappedRecord record : written) {
            for (Object[] row : record.childRows(CUSTOM_FIELD_VALUES)) {
                addError(errors, typed, record.id(), (String) row[SYSTEM_NAME_COLUMN], (String) row[VALUE_COLUMN]);
            }
        }
        insertErrors(c, errors, now);
    }

    /**
     * After a complete contact_fields pass: when the live custom fields differ from the view's columns, writes
     * the new columns, recomputes every cast error and regenerates the view. The DDL comes last: on PostgreSQL it
     * is part of this transaction (a report reading the view holds it off until it ends); MariaDB and H2 replace
     * the view in one statement (CREATE OR REPLACE), which commits what came before. Answers whether it changed.
     */
    boolean refresh(Connection c, Instant now) throws SQLException {
        List<WideColumn> wanted = wanted(c);
        if (wanted.equals(stored(c))) {
            return false;
        }
        try (Statement statement = c.createStatement()) {
            statement.executeUpdate("DELETE FROM contacts_wide_columns");
            statement.executeUpdate("DELETE FROM custom_field_cast_errors");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO contacts_wide_columns (column_name, field_id,"
                + " system_name, display_name, field_type, sql_type, position) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (WideColumn column : wanted) {
                insert.setString(1, column.column());
                insert.setString(2, column.fieldId());
                insert.setString(3, column.systemName());
                insert.setString(4, column.displayName());
                insert.setString(5, column.fieldType());
                insert.setString(6, column.sqlType());
                insert.setInt(7, position++);
                insert.addBatch();
            }
            if (!wanted.isEmpty()) {
                insert.executeBatch();
            }
        }
        Map<String, WideColumn> typed = typedBySystemName(wanted);
        if (!typed.isEmpty()) {
            List<Object[]> errors = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT contact_id, system_name, " + valueColumn()
                    + " FROM contact_custom_field_values WHERE system_name IN ("
                    + String.join(", ", Collections.nCopies(typed.size(), "?")) + ")")) {
                int index = 1;
                for (String systemName : typed.keySet()) {
                    select.setString(index++, systemName);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        addError(errors, typed, rows.getString(1), rows.getString(2), rows.getString(3));
                    }
                }
            }
            insertErrors(c, errors, now);
        }
        replaceView(c, wanted);
        return true;
    }

    private void replaceView(Connection c, List<WideColumn> columns) throws SQLException {
        try (Statement statement = c.createStatement()) {
            if (vendor == MirrorVendor.POSTGRESQL || vendor == MirrorVendor.SQLITE) {
                // CREATE OR REPLACE VIEW cannot drop, rename or retype a column on PostgreSQL, and SQLite has no
                // CREATE OR REPLACE; in one transaction (DDL is transactional on both) the view is never missing
                // for a reader.
                statement.execute("DROP VIEW IF EXISTS " + VIEW);
                statement.execute("CREATE VIEW " + VIEW + " AS " + viewQuery(columns));
            } else {
                statement.execute("CREATE OR REPLACE VIEW " + VIEW + " AS " + viewQuery(columns));
            }
        }
    }

    /**
     * Regenerates the view from the columns contacts_wide_columns holds: for a mirror whose tables were copied in
     * (MirrorCopy), whose view was made before its contacts_wide_columns rows arrived.
     */
    static void recreateView(Connection c, MirrorVendor vendor) throws SQLException {
        if (StreamSchema.tableNames(c).containsKey(CONTACTS)) {
            new WideContacts(vendor).replaceView(c, stored(c));
        }
    }

    /**
     * Creates the view with its scalar columns alone when the mirror has contacts but no view yet (a new mirror:
     * the view reads contacts, which StreamSchema creates after the fixed tables); the next contact_fields pass
     * adds the typed columns.
     */
    static void createViewIfMissing(Connection c, MirrorVendor vendor) throws SQLException {
        var tables = StreamSchema.tableNames(c);
        if (tables.containsKey("contacts") && !tables.containsKey(VIEW)) {
            try (Statement statement = c.createStatement()) {
                statement.execute("CREATE VIEW " + VIEW + " AS " + new WideContacts(vendor).viewQuery(List.of()));
            }
        }
    }

    /** The view's SELECT: scalar columns, then one scalar subquery per field (answered from the child's key). */
    String viewQuery(List<WideColumn> columns) {
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(String.join(", ", SCALARS.stream().map(s -> "c." + s).toList()));
        String value = "v." + valueColumn();
        for (WideColumn column : columns) {
            String expression = vendor == MirrorVendor.SQLITE ? sqliteCast(column.sqlType(), value) : switch (column.sqlType()) {
                case "numeric" -> "CASE WHEN " + matches(value, NUMBER) + " THEN CAST(" + value + " AS DECIMAL(38, 10)) END";
                case "date" -> "CASE WHEN " + matches(value, DATE) + " THEN CAST(SUBSTRING(" + value + ", 1, 10) AS DATE) END";
                default -> value;
            };
            sql.append(",\n    (SELECT ").append(expression).append(" FROM contact_custom_field_values v WHERE v.contact_id = c.id")
                    .append(" AND v.system_name = ").append(literal(column.systemName())).append(") AS ")
                    .append(quote(column.column()));
        }
        return sql.append("\nFROM contacts c").toString();
    }

    /**
     * SQLite has no regular expressions (REGEXP is a function the application must supply, which a sqlite3 shell
     * or BI tool opening the file would lack): NUMBER and DATE written with GLOB and date(), with the same meaning.
     * A number stays the text the API sent (12.10 is 12.10): SQLite's only exact form of a decimal, since its
     * NUMERIC holds a fraction as a REAL (a double), which turned 12345678901234.56 into 12345678901234.6 in the
     * sqlite3 shell. sum() and avg() read such text as numbers; a comparison or an ORDER BY that means the number
     * casts it, CAST(cf_x AS NUMERIC) (samples/reporting/README.md). A date stays its YYYY-MM-DD text, SQLite's
     * own date form, which date() normalises, so an impossible day such as 2023-02-29 does not come back unchanged.
     */
    private static String sqliteCast(String sqlType, String value) {
        return switch (sqlType) {
            case "numeric" -> {
                String digits = "(CASE WHEN substr(" + value + ", 1, 1) IN ('+', '-') THEN substr(" + value + ", 2) ELSE "
                        + value + " END)";
                yield "CASE WHEN " + digits + " <> '' AND " + digits + " NOT GLOB '*[^0-9.]*' AND " + digits
                        + " NOT GLOB '*.*.*' AND " + digits + " NOT GLOB '.*' AND " + digits + " NOT GLOB '*.'"
                        + " AND (CASE WHEN instr(" + digits + ", '.') = 0 THEN length(" + digits + ") ELSE instr(" + digits
                        + ", '.') - 1 END) <= 28 THEN " + value + " END";
            }
            case "date" -> "CASE WHEN " + value + " GLOB '[1-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND date(substr("
                    + value + ", 1, 10)) IS substr(" + value + ", 1, 10) AND (length(" + value + ") = 10 OR (substr(" + value
                    + ", 11, 1) = 'T' AND substr(" + value + ", 12) NOT GLOB '*[^0-9:.Z+-]*')) THEN substr(" + value
                    + ", 1, 10) END";
            default -> value;
        };
    }

    private String matches(String value, String pattern) {
        return switch (vendor) {
            case POSTGRESQL -> "(" + value + " ~ " + literal(pattern) + ")";
            case MARIADB -> "(" + value + " REGEXP " + literal(pattern) + ")";
            case H2 -> "REGEXP_LIKE(" + value + ", " + literal(pattern) + ")";
            case SQLITE -> throw new IllegalStateException("SQLite has no regular expressions; see sqliteNumber, sqliteDate");
        };
    }

    /** H2 stores the view's text and parses it again on open, maybe without NON_KEYWORDS=VALUE. */
    private String valueColumn() {
        return vendor == MirrorVendor.H2 ? "\"VALUE\"" : "value";
    }

    /** Quoted, in the case an unquoted name in a report resolves to (H2 folds to upper case). */
    String quote(String column) {
        return switch (vendor) {
            case POSTGRESQL -> "\"" + column + "\"";
            case MARIADB -> "`" + column + "`";
            case H2 -> "\"" + column.toUpperCase(Locale.ROOT) + "\"";
            case SQLITE -> "\"" + column + "\"";
        };
    }

    private String literal(String text) {
        String escaped = text.replace("'", "''");
        if (vendor == MirrorVendor.MARIADB) {
            escaped = escaped.replace("\\", "\\\\");
        }
        return "'" + escaped + "'";
    }

    /** The live custom fields, in id order, with their column names. */
    private static List<WideColumn> wanted(Connection c) throws SQLException {
        List<String[]> fields = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, system_name, display_name, type FROM contact_fields"
                     + " WHERE deleted_at IS NULL AND (is_default IS NULL OR is_default = FALSE)"
                     + " AND (is_archived IS NULL OR is_archived = FALSE) AND system_name IS NOT NULL ORDER BY id")) {
            while (rows.next()) {
                fields.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
            }
        }
        List<String> names = columnNames(fields.stream().map(f -> f[1]).toList());
        List<WideColumn> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String[] f = fields.get(i);
            columns.add(new WideColumn(names.get(i), f[0], f[1], f[2], f[3], sqlType(f[3])));
        }
        return columns;
    }

    private static List<WideColumn> stored(Connection c) throws SQLException {
        List<WideColumn> columns = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT column_name, field_id, system_name, display_name, field_type,"
                     + " sql_type FROM contacts_wide_columns ORDER BY position")) {
            while (rows.next()) {
                columns.add(new WideColumn(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6)));
            }
        }
        return columns;
    }

    private static Map<String, WideColumn> typedBySystemName(List<WideColumn> columns) {
        Map<String, WideColumn> typed = new LinkedHashMap<>();
        for (WideColumn column : columns) {
            if (!column.sqlType().equals("text")) {
                typed.putIfAbsent(column.systemName(), column);
            }
        }
        return typed;
    }

    private static void addError(List<Object[]> errors, Map<String, WideColumn> typed, String contactId,
                                 String systemName, String value) {
        WideColumn column = typed.get(systemName);
        if (column != null && !casts(column.sqlType(), value)) {
            errors.add(new Object[]{contactId, systemName, column.column(), value, column.sqlType()});
        }
    }

    private void insertErrors(Connection c, List<Object[]> errors, Instant now) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO custom_field_cast_errors (contact_id, system_name,"
                + " column_name, raw_value, expected_type, found_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Object[] error : errors) {
                for (int i = 0; i < error.length; i++) {
                    insert.setString(i + 1, vendor.storable((String) error[i]));
                }
                vendor.bindInstant(insert, error.length + 1, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void deleteErrors(Connection c, List<String> contactIds) throws SQLException {
        for (List<String> chunk : InLists.chunks(contactIds)) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM custom_field_cast_errors WHERE contact_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    delete.setString(i + 1, chunk.get(i));
                }
                delete.executeUpdate();
            }
        }
    }
}
