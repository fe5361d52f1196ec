package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The reporting SQL in samples/reporting, run as shipped on mirrored example data, on every vendor. */
class ReportingQueriesTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    static final Path REPORTS = Path.of("samples/reporting");

    /** Aria and Frank from the docs, two Acme contacts, and one contact that a later pass soft-deletes. */
    private static void load(JdbcMirrorWriter writer) {
        List<JsonNode> contacts = new ArrayList<>(MirrorFixture.records("contacts"));
        contacts.add(MirrorFixture.contact("x1", "Kyaw Kyaw", "viber", "co-acme", "Acme", "vip"));
        contacts.add(MirrorFixture.contact("x2", "Su Su", "viber", "co-acme", "Acme", "vip", "gold"));
        JsonNode gone = MirrorFixture.contact("x3", "Gone", "email", "co-gone", "Gone Ltd", "gold");
        pass(writer, "contacts", add(contacts, gone));
        pass(writer, "contacts", contacts);

        List<JsonNode> conversations = new ArrayList<>(MirrorFixture.records("conversations"));
        ObjectNode late = conversations.get(0).deepCopy();
        late.put("id", "late-in-the-utc-day");
        late.put("last_active_at", 705103200 + 3600);
        conversations.add(late);
        pass(writer, "conversations", conversations);
        pass(writer, "groups", MirrorFixture.records("groups"));
    }

    private static List<JsonNode> add(List<JsonNode> records, JsonNode extra) {
        List<JsonNode> all = new ArrayList<>(records);
        all.add(extra);
        return all;
    }

    private static void pass(JdbcMirrorWriter writer, String stream, List<JsonNode> records) {
        SyncRun run = writer.begin(stream, "klink");
        writer.write(run, records);
        MirrorFixture.completeConfirmed(writer, run);
    }

    private static String report(String name, String vendor) throws IOException {
        Path specific = REPORTS.resolve(name + "." + vendor + ".sql");
        Path file = Files.exists(specific) ? specific : REPORTS.resolve(name + ".sql");
        String sql = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.trim().startsWith("--"))
                .collect(Collectors.joining("\n")).trim();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    private static List<List<Object>> run(MirrorFixture f, String name, String vendor) throws IOException {
        return f.rows(report(name, vendor)).stream().map(row -> row.values().stream().map(v -> v instanceof Date d
                ? d.toLocalDate() : "sqlite".equals(vendor) && v instanceof String day && day.matches("\\d{4}-\\d{2}-\\d{2}")
                ? LocalDate.parse(day) : v).toList()).toList(); // SQLite's dates are YYYY-MM-DD text
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void everyReportAnswersFromTheMirror(String vendor) throws IOException {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            load(writer);

            assertThat(run(f, "contacts_by_tag", vendor)).containsExactly(
                    List.of("platinum", 2L), List.of("vip", 2L), List.of("gold", 1L));
            assertThat(run(f, "contacts_by_channel", vendor)).containsExactly(
                    List.of("viber", 2L), List.of("(none)", 1L), List.of("phone", 1L));
            assertThat(run(f, "contacts_by_company", vendor)).containsExactly(
                    List.of("co-acme", "Acme", 2L),
                    List.of("5073bd60-dee4-4866-a798-42c37300171c", "Cool Entreprise", 1L),
                    List.of("547f2af6-1e6d-420e-aaed-b6448d37fd08", "K-Link", 1L));
            assertThat(run(f, "conversations_active_per_day", vendor)).containsExactly(
                    List.of(LocalDate.of(1992, 5, 5), 2L), List.of(LocalDate.of(1992, 5, 6), 1L));
            assertThat(run(f, "group_sizes", vendor)).containsExactly(
                    List.of("l7cGNIBKZiNJ6wqF", "Plaza Hotel", 4L), List.of("hSIhXBhNe8X1d8Et", "Night Shift", 1L));
        }
    }
}
