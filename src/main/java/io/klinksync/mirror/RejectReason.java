package io.klinksync.mirror;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why the database refused one record, naming the column where it can be found: the database's own
 * message names it on H2 and MariaDB, and otherwise the record's values show which one cannot fit.
 */
final class RejectReason {

    private static final String VALUE_TOO_LONG = "22001";
    private static final int MARIADB_DATA_TOO_LONG = 1406;
    /** SQLite: the named CHECK of db/vendors/sqlite.properties' length_check, "CHECK constraint failed: phone_max_64". */
    private static final Pattern SQLITE_LENGTH_CHECK = Pattern.compile("CHECK constraint failed: ([A-Za-z0-9_]+)_max_(\\d+)");
    /** "character varying(255)" (PostgreSQL), "CHARACTER VARYING(255)" (H2). */
    private static final Pattern LIMIT = Pattern.compile("(?i)varying\\((\\d+)\\)");
    /** "column 'channel'" (MariaDB), "column \"CHANNEL CHARACTER VARYING(255)\"" (H2). */
    private static final Pattern NAMED_COLUMN = Pattern.compile("(?i)column ['\"]([A-Za-z0-9_]+)");
    /**
     * What the drivers wrap around the server's message: the statement (with its values), the lines after the
     * first (PostgreSQL's Where, with the value), connection numbers, error codes.
     */
    private static final Pattern NOISE = Pattern.compile("(?s)(; SQL statement:.*)|(\\R.*)|(\\(conn=\\d+\\) )|(^ERROR: )|( \\[\\d+-\\d+])");

    private RejectReason() {
    }

    private record Cell(MirrorTable table, Column column, String value) {
        String name() {
            return table.name() + "." + column.name();
        }
    }

    static String of(MirrorVendor vendor, MirrorTable parent, MappedRecord record, SQLException fault) {
        List<Cell> cells = textCells(parent, record);
        List<String> unholdable = cells.stream().filter(c -> !vendor.canHold(c.value())).map(Cell::name).distinct().toList();
        if (!unholdable.isEmpty()) {
            return "U+0000 (NUL) in " + String.join(", ", unholdable) + ": PostgreSQL text cannot hold that character";
        }
        String message = clean(fault.getMessage());
        Matcher check = SQLITE_LENGTH_CHECK.matcher(message);
        if (vendor == MirrorVendor.SQLITE && check.find()) {
            String tooLong = tooLong(cells, check.group(1).toLowerCase(Locale.ROOT), Integer.parseInt(check.group(2)));
            if (tooLong != null) {
                return tooLong;
            }
        }
        if (VALUE_TOO_LONG.equals(fault.getSQLState()) || fault.getErrorCode() == MARIADB_DATA_TOO_LONG) {
            String tooLong = tooLong(cells, message);
            if (tooLong != null) {
                return tooLong;
            }
        }
        return message;
    }

    /** The longest value that matches what the message says (its column's name, its column's limit). */
    private static String tooLong(List<Cell> cells, String message) {
        Matcher limit = LIMIT.matcher(message);
        int max = limit.find() ? Integer.parseInt(limit.group(1)) : -1;
        Matcher named = NAMED_COLUMN.matcher(message);
        String column = named.find() ? named.group(1).toLowerCase(Locale.ROOT) : null;
        return tooLong(cells, column, max);
    }

    private static String tooLong(List<Cell> cells, String column, int max) {
        Cell longest = null;
        for (Cell cell : cells) {
            int length = length(cell.value());
            if ((column == null || cell.column().name().equals(column)) && length > max
                    && (longest == null || length > length(longest.value()))) {
                longest = cell;
            }
        }
        if (longest == null) {
            return null;
        }
        return "value too long for " + longest.name() + ": " + length(longest.value()) + " characters"
                + (max >= 0 ? ", the column holds " + max : "");
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static List<Cell> textCells(MirrorTable parent, MappedRecord record) {
        List<Cell> cells = new ArrayList<>();
        addCells(cells, parent, List.<Object[]>of(record.parent()));
        addRows(cells, record.children());
        addRows(cells, record.shared());
        return cells;
    }

    private static void addRows(List<Cell> cells, Map<MirrorTable, List<Object[]>> rows) {
        rows.forEach((table, tableRows) -> addCells(cells, table, tableRows));
    }

    private static void addCells(List<Cell> cells, MirrorTable table, List<Object[]> rows) {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length && i < table.columns().size(); i++) {
                if (row[i] instanceof String text) {
                    cells.add(new Cell(table, table.columns().get(i), text));
                }
            }
        }
    }

    static String clean(String message) {
        return NOISE.matcher(String.valueOf(message)).replaceAll("").trim();
    }
}
