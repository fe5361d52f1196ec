package io.klinksync.mirror;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells a database error caused by the content of one record (a value its column cannot hold) from one of
 * the connection, the server or the schema, which must still fail the run. The record's errors are the data
 * exceptions of SQLState class 22 on every vendor, plus the MariaDB errors that report bad values under
 * other states.
 */
final class RecordFault {

    private static final String DATA_EXCEPTION_CLASS = "22";
    /** Out of range, incorrect value, incorrect string value, data too long. */
    private static final Set<Integer> MARIADB_VALUE_ERRORS = Set.of(1264, 1292, 1366, 1406);

    private RecordFault() {
    }

    /** The error naming the record's fault, the most specific one of a batch, or null if it is not a record's. */
    static SQLException in(Throwable failure) {
        SQLException found = null;
        for (SQLException candidate : candidates(failure)) {
            if (isRecordFault(candidate)) {
                if (!(candidate instanceof BatchUpdateException)) {
                    return candidate;
                }
                found = found == null ? candidate : found;
            }
        }
        return found;
    }

    private static boolean isRecordFault(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith(DATA_EXCEPTION_CLASS) || MARIADB_VALUE_ERRORS.contains(e.getErrorCode())
                // SQLite gives no SQLState; a CHECK the mirror's columns carry (length_check) refuses a value.
                || e instanceof org.sqlite.SQLiteException sqlite
                && sqlite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK;
    }

    /** Every SQLException of the failure: its causes, and the next exceptions where a batch keeps the real one. */
    private static List<SQLException> candidates(Throwable failure) {
        List<SQLException> all = new ArrayList<>();
        for (Throwable t = failure; t != null && all.size() < 50; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null && !all.contains(s); s = s.getNextException()) {
                    all.add(s);
                }
            }
        }
        return all;
    }
}
