package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.config.Settings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV mirror: one file per table, replaced atomically by a complete pass and left alone by a failed one. */
class CsvMirrorWriterTest {

    @TempDir
    Path dir;

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return new ArrayList<>(parser.getRecords());
        }
    }

    private static List<String> column(Path file, String name) throws IOException {
        return read(file).stream().map(r -> r.get(name)).toList();
    }

    @Test
    void aCompletePassWritesOneFilePerTableWithHeadersAndExactText() throws IOException {
        try (CsvMirrorWriter writer = new CsvMirrorWriter(dir)) {
            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, MirrorFixture.records("contacts"));
            MirrorFixture.completeConfirmed(writer, run);

            assertThat(Files.readString(writer.fileOf("contacts"), StandardCharsets.UTF_8))
                    .startsWith("id,name,address,channel,notes,avatar_url,company_id,raw_json,content_hash,synced_at\r\n");
            List<CSVRecord> contacts = read(writer.fileOf("contacts"));
            assertThat(contacts).extracting(r -> r.get("name")).containsExactly("Aria ", "FrankMcCallister");
            assertThat(contacts.get(1).get("address")).isEqualTo("ဒဂုံဆိပ်ကမ်းမြို့နယ်");
            assertThat(contacts.get(0).get("raw_json")).contains("\"customFields\"");
            assertThat(column(writer.fileOf("contact_tags"), "tag_name")).containsExactly("platinum", "platinum");
            assertThat(column(writer.fileOf("companies"), "name")).containsExactly("Cool Entreprise", "K-Link");
            assertThat(column(writer.fileOf("contact_phones"), "is_primary")).containsExactly("true", "true");
            assertThat(column(writer.fileOf("contact_custom_field_values"), "value")).containsExactly("Finance", "another field");
            assertThat(run.inserted.get()).isEqualTo(2);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }

    @Test
    void timestampsAreUtcInstantsAndRepeatsAreWrittenOnce() throws IOException {
        try (CsvMirrorWriter writer = new CsvMirrorWriter(dir)) {
            List<JsonNode> page = MirrorFixture.records("conversations");
            SyncRun run = writer.begin("conversations", "klink");
            writer.write(run, page);
            writer.write(run, List.of(page.get(0)));
            assertThat(run.seen.get()).isEqualTo(3);
            assertThat(writer.distinctSeen(run)).isEqualTo(2);
            MirrorFixture.completeConfirmed(writer, run);
            CSVRecord first = read(writer.fileOf("conversations")).get(0);
            assertThat(first.toMap()).containsAllEntriesOf(Map.of("id", "xgQQXg3hrtjh7AvZ",
                    "last_active_at", "1992-05-05T22:00:00Z", "created_at", "1991-12-08T23:00:00Z", "archived_at", "",
                    "is_pinned", "false"));
            assertThat(read(writer.fileOf("conversations"))).hasSize(2);
        }
    }

    @Test
    void filesAreReplacedOnlyWhenThePassCompletes() throws IOException {
        try (CsvMirrorWriter writer = new CsvMirrorWriter(dir)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            MirrorFixture.completeConfirmed(writer, withPage(writer, page));

            SyncRun run = withPage(writer, List.of(page.get(1)));
            assertThat(column(writer.fileOf("contacts"), "id")).hasSize(2);
            MirrorFixture.completeConfirmed(writer, run);

            assertThat(column(writer.fileOf("contacts"), "id")).containsExactly("c786bb40-a58e-4d60-afe6-061e2b819811");
            assertThat(column(writer.fileOf("contact_emails"), "email")).containsExactly("frankmccallister@gmail.com");
            assertThat(run.deleted.get()).isOne();
        }
    }

    @Test
    void aFailedPassKeepsThePreviousFilesAndLeavesNoTempFiles() throws IOException {
        try (CsvMirrorWriter writer = new CsvMirrorWriter(dir)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            MirrorFixture.completeConfirmed(writer, withPage(writer, page));
            String before = Files.readString(writer.fileOf("contacts"));

            SyncRun run = withPage(writer, List.of(page.get(1)));
            writer.fail(run, "failed", "HTTP 500 on page 2");

            assertThat(Files.readString(writer.fileOf("contacts"))).isEqualTo(before);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            List<CSVRecord> runs = read(dir.resolve(CsvMirrorWriter.SYNC_RUNS_FILE));
            assertThat(runs).extracting(r -> r.get("status")).containsExactly("success", "failed");
            assertThat(runs.get(1).get("error")).isEqualTo("HTTP 500 on page 2");
            assertThat(runs.get(0).get("records_seen")).isEqualTo("2");
        }
        try (CsvMirrorWriter reopened = new CsvMirrorWriter(dir)) {
            assertThat(reopened.begin("contacts", "klink").id()).isEqualTo(3);
        }
    }

    @Test
    void tempFilesOfADeadProcessAreRemovedByTheNextPass() throws IOException {
        Path stale = dir.resolve("contacts.csv.41.tmp");
        Files.writeString(stale, "half a file");
        try (CsvMirrorWriter writer = new CsvMirrorWriter(dir)) {
            writer.begin("contacts", "klink");
            assertThat(stale).doesNotExist();
        }
    }

    @Test
    void mirrorTypeChoosesTheWriter() {
        Settings base = Settings.load(Path.of("config"), Map.of(), Map.of("mirror.csv.dir", dir.toString(),
                "mirror.jdbc.url", "jdbc:h2:mem:mirrors_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
        try (MirrorWriter csv = Mirrors.open(base.with(Map.of("mirror.type", "csv")))) {
            assertThat(csv).isInstanceOf(CsvMirrorWriter.class);
        }
        try (MirrorWriter jdbc = Mirrors.open(base.with(Map.of("mirror.type", "jdbc")))) {
            assertThat(jdbc).isInstanceOf(JdbcMirrorWriter.class);
        }
        assertThatThrownBy(() -> Mirrors.open(base.with(Map.of("mirror.type", "parquet"))))
                .hasMessageContaining("'parquet'").hasMessageContaining("jdbc").hasMessageContaining("csv");
    }

    private static SyncRun withPage(CsvMirrorWriter writer, List<JsonNode> page) {
        SyncRun run = writer.begin("contacts", "klink");
        writer.write(run, page);
        return run;
    }
}
