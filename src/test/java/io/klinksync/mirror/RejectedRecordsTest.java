package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record the mirror cannot store is set aside in sync_rejects and the rest of its batch lands; the run still
 * succeeds, counts it as seen (its old row is neither deleted nor changed) and the next pass tries it again.
 */
class RejectedRecordsTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    static final String ARIA = JdbcMirrorWriterTest.ARIA;
    static final String FRANK = JdbcMirrorWriterTest.FRANK;

    private static SyncRun pass(MirrorWriter writer, List<JsonNode> records) {
        SyncRun run = writer.begin("contacts", "klink");
        writer.write(run, records);
        assertThat(writer.distinctSeen(run)).as("distinct ids seen, for the drift guard").isEqualTo(records.size());
        return MirrorFixture.completeConfirmed(writer, run);
    }

    private static List<JsonNode> documentedAnd(JsonNode... more) {
        List<JsonNode> records = new ArrayList<>(MirrorFixture.records("contacts"));
        records.addAll(List.of(more));
        return records;
    }

    private static JsonNode contact(String id) {
        return MirrorFixture.contact(id, "Name of " + id, "line", null, null, "vip");
    }

    private static List<Map<String, Object>> rejects(MirrorFixture f, SyncRun run) {
        return f.rows("SELECT record_id, stream, reason, raw_json, rejected_at FROM sync_rejects WHERE run_id = ?"
                + " ORDER BY record_id", run.id());
    }

    private static void assertSucceededWith(MirrorFixture f, SyncRun run, long rejected) {
        assertThat(run.status()).as(run.toString()).isEqualTo("success");
        assertThat(run.rejected.get()).as(run.toString()).isEqualTo(rejected);
        if (rejected > 0) {
            assertThat(run.toString()).contains(rejected + " rejected").contains("sync_rejects");
        }
        assertThat(f.row("SELECT status, rejected FROM sync_runs WHERE id = ?", run.id()))
                .isEqualTo(Map.of("status", "success", "rejected", rejected));
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aNulCharacterIsRejectedOnPostgresqlAndKeptByteExactElsewhere(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            JsonNode nina = contact("nina");
            pass(writer, documentedAnd(nina));
            Map<String, Object> ninaBefore = f.row("SELECT notes, raw_json, synced_at, deleted_at FROM contacts WHERE id = ?", "nina");

            SyncRun run = pass(writer, documentedAnd(MirrorFixture.withField(nina, "notes", "x\u0000y"),
                    MirrorFixture.withField(contact("nul-new"), "notes", "a\u0000b"), contact("fresh")));

            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?, ?) AND deleted_at IS NULL", ARIA, FRANK, "fresh"))
                    .isEqualTo(3);
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags WHERE contact_id = ?", "fresh")).isOne();
            if (vendor.equals("postgresql")) {
                assertSucceededWith(f, run, 2);
                List<Map<String, Object>> rejects = rejects(f, run);
                assertThat(rejects).extracting(r -> r.get("record_id")).containsExactly("nina", "nul-new");
                assertThat(rejects).allSatisfy(r -> {
                    assertThat(r.get("stream")).isEqualTo("contacts");
                    assertThat((String) r.get("reason")).contains("notes").contains("U+0000");
                    assertThat(r.get("rejected_at")).isNotNull();
                });
                assertThat((String) rejects.get(0).get("raw_json")).contains("\"notes\":\"x\\u0000y\"");
                // The stored row of a rejected record stays as it was: not deleted, not changed.
                assertThat(f.row("SELECT notes, raw_json, synced_at, deleted_at FROM contacts WHERE id = ?", "nina"))
                        .isEqualTo(ninaBefore);
                assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id = ?", "nul-new")).isZero();
            } else {
                assertSucceededWith(f, run, 0);
                assertThat(f.row("SELECT notes FROM contacts WHERE id = ?", "nina").get("notes")).isEqualTo("x\u0000y");
                assertThat(f.row("SELECT notes FROM contacts WHERE id = ?", "nul-new").get("notes")).isEqualTo("a\u0000b");
            }

            SyncRun next = pass(writer, documentedAnd(MirrorFixture.withField(nina, "notes", "xy"), contact("nul-new"),
                    contact("fresh")));
            assertSucceededWith(f, next, 0);
            assertThat(f.row("SELECT notes FROM contacts WHERE id = ?", "nina").get("notes")).isEqualTo("xy");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aNulInTheIdItselfIsRejectedOnPostgresqlWithTheIdSpelledOut(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            SyncRun run = pass(writer, documentedAnd(contact("id\u0000x")));

            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?)", ARIA, FRANK)).isEqualTo(2);
            if (vendor.equals("postgresql")) {
                assertSucceededWith(f, run, 1);
                Map<String, Object> reject = f.row("SELECT record_id, reason FROM sync_rejects WHERE run_id = ?", run.id());
                assertThat(reject.get("record_id")).isEqualTo("id\\u0000x");
                assertThat((String) reject.get("reason")).contains("contacts.id");
            } else {
                assertSucceededWith(f, run, 0);
                assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id = ?", "id\u0000x")).isOne();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aValueTooLongForItsColumnRejectsOnlyItsRecord(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            JsonNode kept = contact("kept");
            pass(writer, documentedAnd(kept));
            Map<String, Object> keptBefore = f.row("SELECT channel, raw_json, synced_at, deleted_at FROM contacts WHERE id = ?", "kept");

            ObjectNode longEmail = (ObjectNode) contact("long-email");
            longEmail.putArray("email").addObject().put("email", "e".repeat(400) + "@example.com").put("isPrimary", true);
            ObjectNode longCompanyPhone = (ObjectNode) contact("long-company");
            longCompanyPhone.putObject("company").put("id", "co-long").put("name", "Long Ltd").put("phone", "9".repeat(300));
            SyncRun run = pass(writer, documentedAnd(MirrorFixture.withField(kept, "channel", "c".repeat(300)), longEmail,
                    longCompanyPhone, contact("fresh")));

            assertSucceededWith(f, run, 3);
            List<Map<String, Object>> rejects = rejects(f, run);
            assertThat(rejects).extracting(r -> r.get("record_id")).containsExactly("kept", "long-company", "long-email");
            assertThat((String) rejects.get(0).get("reason")).contains("channel");
            assertThat((String) rejects.get(1).get("reason")).contains("phone");
            assertThat((String) rejects.get(2).get("reason")).contains("email");
            assertThat(rejects).allSatisfy(r -> assertThat((String) r.get("reason")).doesNotContain("Exception"));
            assertThat(f.row("SELECT channel, raw_json, synced_at, deleted_at FROM contacts WHERE id = ?", "kept"))
                    .isEqualTo(keptBefore);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?)", "long-email", "long-company")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM companies WHERE id = ?", "co-long")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?, ?) AND deleted_at IS NULL", ARIA, FRANK, "fresh"))
                    .isEqualTo(3);

            SyncRun next = pass(writer, documentedAnd(MirrorFixture.withField(kept, "channel", "viber"), contact("long-email"),
                    contact("long-company"), contact("fresh")));
            assertSucceededWith(f, next, 0);
            assertThat(f.row("SELECT channel FROM contacts WHERE id = ?", "kept").get("channel")).isEqualTo("viber");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aRecordWithoutAUsableIdIsRejectedAndTheOthersLand(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            pass(writer, documentedAnd());
            ObjectNode missing = (ObjectNode) contact("x");
            missing.remove("id");
            ObjectNode nullId = (ObjectNode) contact("x");
            nullId.putNull("id");
            JsonNode blank = contact("  ");

            SyncRun run = pass(writer, documentedAnd(missing, nullId, blank, contact("fresh")));

            assertSucceededWith(f, run, 3);
            List<Map<String, Object>> rejects = rejects(f, run);
            assertThat(rejects).allSatisfy(r -> {
                assertThat(r.get("record_id")).isNull();
                assertThat(r.get("stream")).isEqualTo("contacts");
                assertThat((String) r.get("raw_json")).contains("\"name\":\"Name of ");
            });
            assertThat(rejects).extracting(r -> (String) r.get("reason"))
                    .anyMatch(reason -> reason.contains("no id"))
                    .anyMatch(reason -> reason.contains("null"))
                    .anyMatch(reason -> reason.contains("blank"));
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?, ?) AND deleted_at IS NULL", ARIA, FRANK, "fresh"))
                    .isEqualTo(3);
            assertThat(pass(writer, documentedAnd(contact("fresh"))).rejected.get()).isZero();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aRejectedRecordKeepsItsRowUnderHardDeletes(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.HARD)) {
            JsonNode kept = contact("kept");
            pass(writer, documentedAnd(kept));

            SyncRun run = pass(writer, List.of(MirrorFixture.withField(kept, "channel", "c".repeat(300))));

            assertSucceededWith(f, run, 1);
            assertThat(run.deleted.get()).isEqualTo(2);
            assertThat(f.row("SELECT channel FROM contacts WHERE id = ?", "kept").get("channel")).isEqualTo("line");
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags WHERE contact_id = ?", "kept")).isOne();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void theRejectsOfAnEarlierWalkOfTheRunAreForgottenByAReWalk(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> records = documentedAnd(MirrorFixture.withField(contact("long"), "channel", "c".repeat(300)));
            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, records);
            writer.resetSeen(run);
            writer.write(run, records);
            assertThat(writer.distinctSeen(run)).isEqualTo(3);
            MirrorFixture.completeConfirmed(writer, run);

            assertSucceededWith(f, run, 1);
            assertThat(rejects(f, run)).hasSize(1);
        }
    }

    @Test
    void theCsvMirrorSetsARecordWithoutIdAsideInASyncRejectsFile(@TempDir Path dir) throws IOException {
        try (CsvMirrorWriter writer = new CsvMirrorWriter(dir)) {
            ObjectNode missing = (ObjectNode) contact("x");
            missing.remove("id");
            SyncRun first = pass(writer, documentedAnd(missing, contact("  ")));

            assertThat(first.status()).isEqualTo("success");
            assertThat(first.rejected.get()).isEqualTo(2);
            assertThat(first.toString()).contains("2 rejected").contains("sync_rejects");
            assertThat(read(writer.fileOf("contacts"))).extracting(r -> r.get("id")).containsExactly(ARIA, FRANK);
            List<CSVRecord> rejects = read(writer.fileOf("sync_rejects"));
            assertThat(rejects).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("run_id")).isEqualTo(String.valueOf(first.id()));
                assertThat(r.get("stream")).isEqualTo("contacts");
                assertThat(r.get("record_id")).isEmpty();
                assertThat(r.get("raw_json")).contains("Name of ");
            });
            assertThat(rejects).extracting(r -> r.get("reason")).anyMatch(reason -> reason.contains("no id"))
                    .anyMatch(reason -> reason.contains("blank"));

            SyncRun second = pass(writer, documentedAnd());
            assertThat(second.rejected.get()).isZero();
            assertThat(read(writer.fileOf("sync_rejects"))).hasSize(2);
        }
    }

    /** Not a bad record but a stream read from the wrong place: deleting every row it failed to match would lie. */
    @Test
    void aBatchInWhichNoRecordHasAnIdStillFailsWithTheProfileHint(@TempDir Path dir) {
        ObjectNode first = (ObjectNode) contact("x");
        first.remove("id");
        List<JsonNode> noIds = List.of(first, first.deepCopy());
        try (MirrorFixture f = MirrorFixture.open("h2"); JdbcMirrorWriter jdbc = f.writer(DeleteMode.SOFT);
             CsvMirrorWriter csv = new CsvMirrorWriter(dir)) {
            for (MirrorWriter writer : List.<MirrorWriter>of(jdbc, csv)) {
                SyncRun run = writer.begin("contacts", "klink");
                assertThatThrownBy(() -> writer.write(run, noIds)).isInstanceOf(MirrorException.class)
                        .hasMessageContaining("No record of a batch of 2 contacts records has an id")
                        .hasMessageContaining("deployment profile's path for contacts");
                writer.fail(run, "failed", "no ids");
            }
            assertThat(f.count("SELECT COUNT(*) FROM sync_rejects")).isZero();
        }
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return new ArrayList<>(parser.getRecords());
        }
    }
}
