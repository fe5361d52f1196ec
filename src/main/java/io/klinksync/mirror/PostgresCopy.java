package io.klinksync.mirror;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL's COPY for the rows of a write, inside its transaction: several times faster than even
 * rewritten multi-row INSERTs, which is what keeps a full contacts sync close to a bulk load.
 */
final class PostgresCopy {

    private final CopyManager copy;
    private final StringBuilder buffer = new StringBuilder();

    PostgresCopy(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Starts the rows of one table; add rows, then {@link #load}. */
    PostgresCopy rows() {
        buffer.setLength(0);
        return this;
    }

    PostgresCopy add(Object[] values, Object... extra) {
        int column = 0;
        for (Object value : values) {
            cell(column++, value);
        }
        for (Object value : extra) {
            cell(column++, value);
        }
        buffer.append('\n');
        return this;
    }

    boolean isEmpty() {
        return buffer.length() == 0;
    }

    long load(String table, List<String> columns) throws SQLException {
        if (buffer.length() == 0) {
            return 0;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)";
        try {
            var in = copy.copyIn(sql);
            try {
                in.writeToCopy(bytes, 0, bytes.length);
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } finally {
            buffer.setLength(0);
        }
    }

    /** CSV cell: NULL is an unquoted empty field, every value is quoted so an empty string stays a string. */
    private void cell(int column, Object value) {
        if (column > 0) {
            buffer.append(',');
        }
        if (value == null) {
            return;
        }
        String text = value instanceof Instant instant ? instant.toString() : value.toString();
        buffer.append('"').append(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\"")).append('"');
    }
}
