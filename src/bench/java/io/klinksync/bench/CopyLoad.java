package io.klinksync.bench;

import io.klinksync.mirror.Column;
import io.klinksync.mirror.MappedRecord;
import io.klinksync.mirror.MirrorTable;
import io.klinksync.mirror.StreamTables;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load baseline of PostgreSQL: the same pages (read from files the benchmark downloaded beforehand), parsed
 * with Jackson, mapped by the mirror's own mapper ({@link MappedPages}), and streamed into the same tables with
 * PostgreSQL COPY, one COPY per table on its own connection. What COPY costs is the floor any row-by-row writer is measured against.
 */
public final class CopyLoad {

    private static final int FLUSH_BYTES = 1 << 16;

    public record Result(long records, Map<String, Long> rows, long nanos) {
        public double seconds() {
            return nanos / 1e9;
        }
    }

    private final String jdbcUrl;
    private final String user;

    public CopyLoad(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** The COPY load in a new JVM; timed there, without its start-up. */
    public static Result loadInFreshJvm(BenchSetup setup, String jdbcUrl, String user, Path pagesDir, String stream, Path log) {
        String[] f = FreshJvm.run(setup, CopyLoad.class, List.of(jdbcUrl, user, pagesDir.toString(), stream), log);
        return new Result(Long.parseLong(f[0]), parseRows(f[1]), Long.parseLong(f[2]));
    }

    /** CopyLoad JDBC_URL USER PAGES_DIR STREAM. */
    public static void main(String[] args) {
        Result result = new CopyLoad(args[0], args[1]).load(Path.of(args[2]), args[3]);
        FreshJvm.printResult(result.records(), formatRows(result.rows()), result.nanos());
    }

    /** Rows per table as one result field: TABLE=N,TABLE=N. */
    static String formatRows(Map<String, Long> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach((table, count) -> text.append(text.length() == 0 ? "" : ",").append(table).append('=').append(count));
        return text.toString();
    }

    static Map<String, Long> parseRows(String field) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : field.split(",")) {
            String[] pair = table.split("=");
            rows.put(pair[0], Long.parseLong(pair[1]));
        }
        return rows;
    }

    public Result load(Path pagesDir, String stream) {
        StreamTables tables = StreamTables.of(stream);
        long started = System.nanoTime();
        String now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC).toString();
        Map<MirrorTable, TableCopy> copies = new LinkedHashMap<>();
        try {
            for (MirrorTable table : tables.allTables()) {
                copies.put(table, new TableCopy(table, table == tables.parent()));
            }
            long records = MappedPages.feed(pagesDir, tables, new MappedPages.RowSink() {
                @Override
                public void parentRow(MappedRecord record) {
                    copies.get(tables.parent()).parentRow(record, now);
                }

                @Override
                public void row(MirrorTable table, Object[] values) {
                    copies.get(table).row(values);
                }
            });
            Map<String, Long> rows = new LinkedHashMap<>();
            for (TableCopy copy : copies.values()) {
                rows.put(copy.table.name(), copy.finish());
            }
            return new Result(records, rows, System.nanoTime() - started);
        } catch (IOException | SQLException e) {
            throw new BenchException("The COPY baseline into " + jdbcUrl + " failed: " + e.getMessage(), e);
        } finally {
            copies.values().forEach(TableCopy::close);
        }
    }

    /** One table's COPY ... FROM STDIN in text format, fed in buffered chunks. */
    private final class TableCopy {
        final MirrorTable table;
        final Connection connection;
        final CopyIn copy;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
        final StringBuilder line = new StringBuilder();

        TableCopy(MirrorTable table, boolean parent) throws SQLException {
            this.table = table;
            List<String> columns = new ArrayList<>(table.columnNames());
            if (parent) {
                columns.addAll(MappedPages.PARENT_BOOKKEEPING);
            }
            this.connection = DriverManager.getConnection(jdbcUrl, user, "");
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table.name() + " (" + String.join(", ", columns) + ") FROM STDIN");
        }

        void parentRow(MappedRecord record, String now) {
            line.setLength(0);
            appendValues(record.parent());
            line.append('\t');
            escape(record.rawJson());
            line.append('\t');
            escape(record.contentHash());
            line.append('\t').append(now).append('\t').append(now).append('\t').append("\\N").append('\n');
            flushLine();
        }

        void row(Object[] values) {
            line.setLength(0);
            appendValues(values);
            line.append('\n');
            flushLine();
        }

        private void appendValues(Object[] values) {
            List<Column> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                Object value = values[i];
                if (value == null) {
                    line.append("\\N");
                } else if (value instanceof Boolean b) {
                    line.append(b ? 't' : 'f');
                } else if (value instanceof Instant instant) {
                    line.append(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                } else {
                    escape(value.toString());
                }
            }
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
        }

        private void flushLine() {
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            if (buffer.size() >= FLUSH_BYTES) {
                flush();
            }
        }

        private void flush() {
            try {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            } catch (SQLException e) {
                throw new BenchException("COPY into " + table.name() + " failed: " + e.getMessage(), e);
            }
        }

        long finish() throws SQLException {
            flush();
            return copy.endCopy();
        }

        void close() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.close();
            } catch (SQLException e) {
                // closing after a failure that is already being reported
            }
        }
    }
}
