package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-speed budget: mirroring N contacts (2 emails, 2 phones, 2 tags, 3 custom fields each) into
 * PostgreSQL takes at most 1.5x the time PostgreSQL COPY needs for the same rows. Run with
 * -Dklink.benchmark=true (and -Dklink.benchmark.contacts=200000 for the full size).
 */
@EnabledIfSystemProperty(named = "klink.benchmark", matches = "true")
class MirrorWriteBenchmarkTest {

    private static final int CONTACTS = Integer.getInteger("klink.benchmark.contacts", 200_000);
    private static final int PAGE = Integer.getInteger("klink.benchmark.page-size", 100);
    private static final int THREADS = Integer.getInteger("klink.benchmark.threads", 4);
    private static final double BUDGET = 1.5;

    static JsonNode contact(int n) {
        ObjectNode c = MirrorFixture.JSON.createObjectNode();
        String id = String.format("%08d-ed19-4291-8e47-913f1205d02d", n);
        c.put("id", id);
        c.put("name", "Contact " + n);
        c.put("address", "Dagon Seikkan Township " + n);
        c.put("channel", n % 3 == 0 ? "phone" : "viber");
        c.putNull("notes");
        c.putNull("avatar_url");
        ArrayNode tags = c.putArray("tags");
        tags.addObject().put("id", "tag-" + (n % 10)).put("name", "tag " + (n % 10));
        tags.addObject().put("id", "tag-x" + (n % 7)).put("name", "extra " + (n % 7));
        c.putObject("company").put("id", "company-" + (n % 500)).put("name", "Company " + (n % 500)).putNull("phone")
                .putNull("address").putNull("industry");
        ArrayNode emails = c.putArray("email");
        emails.addObject().put("email", "c" + n + "@example.com").put("isPrimary", true);
        emails.addObject().put("email", "c" + n + "@work.example").put("isPrimary", false);
        ArrayNode phones = c.putArray("phone");
        phones.addObject().put("phone", "0979" + n).put("isPrimary", true);
        phones.addObject().put("phone", "0988" + n).put("isPrimary", false);
        ArrayNode fields = c.putArray("customFields");
        for (String name : List.of("cf_sector", "cf_size", "cf_region")) {
            fields.addObject().put("system_name", name).put("display_name", name).put("type", "text").put("value", name + n);
        }
        return c;
    }

    @Test
    void mirroringContactsStaysWithinTheCopyBudget(@TempDir Path dir) throws Exception {
        long copyNanos;
        try (TestDatabase db = TestDatabase.postgres(); MirrorDatabase mirror = MirrorDatabase.open(db.url(), db.user(), db.password(), THREADS)) {
            copyNanos = copy(mirror, dir);
        }
        long writerNanos;
        try (TestDatabase db = TestDatabase.postgres(); MirrorDatabase mirror = MirrorDatabase.open(db.url(), db.user(), db.password(), THREADS);
             JdbcMirrorWriter writer = new JdbcMirrorWriter(mirror, DeleteMode.SOFT)) {
            long start = System.nanoTime();
            SyncRun run = writer.begin("contacts", "bench");
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> pages = new ArrayList<>();
                for (int from = 0; from < CONTACTS; from += PAGE) {
                    int first = from;
                    pages.add(pool.submit(() -> {
                        List<JsonNode> records = new ArrayList<>(PAGE);
                        for (int n = first; n < Math.min(CONTACTS, first + PAGE); n++) {
                            records.add(contact(n));
                        }
                        writer.writePage(run, records);
                    }));
                }
                for (Future<?> page : pages) {
                    page.get();
                }
            } finally {
                pool.shutdown();
            }
            writer.complete(run);
            writerNanos = System.nanoTime() - start;
            assertThat(run.inserted.get()).isEqualTo(CONTACTS);
        }
        double ratio = (double) writerNanos / copyNanos;
        System.out.printf("benchmark: %d contacts, COPY %.2f s, mirror writer %.2f s, ratio %.2f (budget %.1f)%n",
                CONTACTS, copyNanos / 1e9, writerNanos / 1e9, ratio, BUDGET);
        assertThat(ratio).isLessThanOrEqualTo(BUDGET);
    }

    /**
     * COPY of exactly the rows the writer produces, mapped the same way: the CSV files are prepared first
     * (untimed), then each table is loaded with one COPY, which is the time measured.
     */
    private static long copy(MirrorDatabase mirror, Path dir) throws Exception {
        StreamTables tables = StreamTables.of("contacts");
        Map<MirrorTable, Writer> files = new LinkedHashMap<>();
        for (MirrorTable table : tables.allTables()) {
            files.put(table, Files.newBufferedWriter(dir.resolve(table.name() + ".csv"), StandardCharsets.UTF_8));
        }
        Set<Object> companies = new HashSet<>();
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        StringBuilder line = new StringBuilder();
        for (int n = 0; n < CONTACTS; n++) {
            MappedRecord record = tables.mapper().map(contact(n));
            line.setLength(0);
            line(line, record.parent(), record.rawJson(), record.contentHash(), now, now, null);
            files.get(tables.parent()).append(line);
            for (MirrorTable child : tables.children()) {
                for (Object[] row : record.children().get(child)) {
                    line.setLength(0);
                    line(line, row);
                    files.get(child).append(line);
                }
            }
            for (MirrorTable shared : tables.shared()) {
                for (Object[] row : record.shared().getOrDefault(shared, List.of())) {
                    if (companies.add(row[0])) {
                        line.setLength(0);
                        line(line, row);
                        files.get(shared).append(line);
                    }
                }
            }
        }
        for (Writer file : files.values()) {
            file.close();
        }
        long start = System.nanoTime();
        try (Connection c = mirror.dataSource().getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (MirrorTable table : files.keySet()) {
                List<String> columns = table == tables.parent() ? MirrorSql.parentColumns(table) : table.columnNames();
                try (Reader in = Files.newBufferedReader(dir.resolve(table.name() + ".csv"), StandardCharsets.UTF_8)) {
                    copy.copyIn("COPY " + table.name() + " (" + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)", in);
                }
            }
        }
        return System.nanoTime() - start;
    }

    private static void line(StringBuilder out, Object[] row, Object... extra) {
        List<Object> cells = new ArrayList<>();
        for (Object value : row) {
            cells.add(value);
        }
        for (Object value : extra) {
            cells.add(value);
        }
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = cells.get(i);
            if (value != null) {
                String text = value instanceof java.time.Instant instant ? instant.toString() : value.toString();
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }
}
