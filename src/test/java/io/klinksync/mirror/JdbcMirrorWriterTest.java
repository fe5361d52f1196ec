package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** What a sync pass does to the relational mirror: writes only changes, deletes only after a complete pass. */
class JdbcMirrorWriterTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    static final String ARIA = "eefdaf75-ed19-4291-8e47-913f1205d02d";
    static final String FRANK = "c786bb40-a58e-4d60-afe6-061e2b819811";

    private static SyncRun pass(MirrorWriter writer, List<JsonNode> records) {
        SyncRun run = writer.begin("contacts", "klink");
        writer.write(run, records);
        return MirrorFixture.completeConfirmed(writer, run);
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void rewritingTheSamePageChangesNothing(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            SyncRun first = pass(writer, page);
            assertThat(first.inserted.get()).isEqualTo(2);
            Map<String, Object> before = f.row("SELECT content_hash, synced_at, first_seen_at FROM contacts WHERE id = ?", ARIA);
            List<Map<String, Object>> emailsBefore = f.rows("SELECT * FROM contact_emails ORDER BY contact_id");

            SyncRun second = pass(writer, page);

            assertThat(List.of(second.inserted.get(), second.updated.get(), second.unchanged.get(), second.deleted.get()))
                    .containsExactly(0L, 0L, 2L, 0L);
            assertThat(f.row("SELECT content_hash, synced_at, first_seen_at FROM contacts WHERE id = ?", ARIA)).isEqualTo(before);
            assertThat(f.rows("SELECT * FROM contact_emails ORDER BY contact_id")).isEqualTo(emailsBefore);
        }
    }

    /** A pass makes the rows of the records it writes only: a re-sync does not map the records it finds unchanged. */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void aPassMapsOnlyTheRecordsItWrites(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            pass(writer, page);
            ObjectNode frank = page.get(1).deepCopy();
            frank.put("channel", "viber");
            List<JsonNode> again = List.of(page.get(0), frank);
            RecordMapper contacts = StreamTables.of("contacts").mapper();
            List<String> mapped = new ArrayList<>();
            RecordMapper counting = new RecordMapper() {
                @Override
                public String id(JsonNode record) {
                    return contacts.id(record);
                }

                @Override
                public Map<MirrorTable, List<Object[]>> shared(JsonNode record) {
                    return contacts.shared(record);
                }

                @Override
                public Rows rows(JsonNode record, String id) {
                    mapped.add(id);
                    return contacts.rows(record, id);
                }
            };

            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, new MappedBatch(again.stream().map(r -> MappedRecord.of(r, counting)).toList(), List.of(), again));
            MirrorFixture.completeConfirmed(writer, run);

            assertThat(mapped).containsExactly(FRANK);
            assertThat(List.of(run.updated.get(), run.unchanged.get())).containsExactly(1L, 1L);
            assertThat(f.row("SELECT channel FROM contacts WHERE id = ?", FRANK).get("channel")).isEqualTo("viber");
        }
    }

    /** Release 0 stored SHA-256 content hashes: an unchanged record is still unchanged, and gets its new hash. */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void rowsHashedBySha256AreComparedByItThenRehashedWithoutAChange(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            pass(writer, page);
            String current = (String) f.row("SELECT content_hash FROM contacts WHERE id = ?", ARIA).get("content_hash");
            assertThat(current).startsWith("m3").hasSize(64);
            for (JsonNode record : page) {
                f.update("UPDATE contacts SET content_hash = ? WHERE id = ?",
                        CanonicalJson.sha256(record), record.path("id").asText());
            }
            ObjectNode frank = page.get(1).deepCopy();
            frank.put("channel", "viber");
            long historyBefore = f.count("SELECT COUNT(*) FROM contacts_history");
            Map<String, Object> ariaBefore = f.row("SELECT synced_at, first_seen_at FROM contacts WHERE id = ?", ARIA);

            SyncRun run = pass(writer, List.of(page.get(0), frank));

            assertThat(List.of(run.inserted.get(), run.updated.get(), run.unchanged.get(), run.deleted.get()))
                    .containsExactly(0L, 1L, 1L, 0L);
            assertThat(f.row("SELECT content_hash FROM contacts WHERE id = ?", ARIA).get("content_hash")).isEqualTo(current);
            assertThat(f.row("SELECT synced_at, first_seen_at FROM contacts WHERE id = ?", ARIA)).isEqualTo(ariaBefore);
            assertThat(f.count("SELECT COUNT(*) FROM contacts_history")).isEqualTo(historyBefore + 1);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(2);
            SyncRun again = pass(writer, List.of(page.get(0), frank));
            assertThat(List.of(again.inserted.get(), again.updated.get(), again.unchanged.get())).containsExactly(0L, 0L, 2L);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void oneChangedRecordIsExactlyOneUpdateWithItsChildrenReplaced(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            pass(writer, page);
            Map<String, Object> frankBefore = f.row("SELECT synced_at, content_hash FROM contacts WHERE id = ?", FRANK);
            Map<String, Object> ariaBefore = f.row("SELECT synced_at, first_seen_at FROM contacts WHERE id = ?", ARIA);

            ObjectNode aria = page.get(0).deepCopy();
            aria.put("channel", "viber");
            aria.putArray("email").addObject().put("email", "aria@new.example").put("isPrimary", true);
            aria.putArray("tags");
            SyncRun run = pass(writer, List.of(aria, page.get(1)));

            assertThat(List.of(run.inserted.get(), run.updated.get(), run.unchanged.get())).containsExactly(0L, 1L, 1L);
            Map<String, Object> ariaAfter = f.row("SELECT channel, synced_at, first_seen_at FROM contacts WHERE id = ?", ARIA);
            assertThat(ariaAfter.get("channel")).isEqualTo("viber");
            assertThat(ariaAfter.get("first_seen_at")).isEqualTo(ariaBefore.get("first_seen_at"));
            assertThat((java.time.Instant) ariaAfter.get("synced_at")).isAfter((java.time.Instant) ariaBefore.get("synced_at"));
            assertThat(f.rows("SELECT email, is_primary FROM contact_emails WHERE contact_id = ?", ARIA))
                    .containsExactly(Map.of("email", "aria@new.example", "is_primary", true));
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags WHERE contact_id = ?", ARIA)).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM contact_phones WHERE contact_id = ?", ARIA)).isOne();
            assertThat(f.row("SELECT synced_at, content_hash FROM contacts WHERE id = ?", FRANK)).isEqualTo(frankBefore);
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags WHERE contact_id = ?", FRANK)).isOne();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void anAbsentRecordIsSoftDeletedOnlyWhenThePassCompletes(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            pass(writer, page);

            SyncRun failed = writer.begin("contacts", "klink");
            writer.write(failed, List.of(page.get(1)));
            writer.fail(failed, "failed", "HTTP 500 on page 2");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL")).isZero();

            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, List.of(page.get(1)));
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL")).isZero();
            MirrorFixture.completeConfirmed(writer, run);

            assertThat(run.deleted.get()).isOne();
            assertThat(f.row("SELECT deleted_at FROM contacts WHERE id = ?", ARIA).get("deleted_at")).isNotNull();
            assertThat(f.row("SELECT deleted_at FROM contacts WHERE id = ?", FRANK).get("deleted_at")).isNull();
            // Soft delete keeps the children, so the row still says what it was.
            assertThat(f.count("SELECT COUNT(*) FROM contact_emails WHERE contact_id = ?", ARIA)).isOne();

            SyncRun back = pass(writer, page);
            assertThat(List.of(back.inserted.get(), back.updated.get(), back.unchanged.get(), back.deleted.get()))
                    .containsExactly(0L, 1L, 1L, 0L);
            assertThat(f.row("SELECT deleted_at FROM contacts WHERE id = ?", ARIA).get("deleted_at")).isNull();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void whatAnEarlierWalkWroteIsUnseenAgainAfterAReWalk(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, page);
            writer.resetSeen(run);
            writer.write(run, List.of(page.get(1)));

            assertThat(writer.distinctSeen(run)).isOne();
            MirrorFixture.completeConfirmed(writer, run);
            assertThat(run.deleted.get()).isOne();
            assertThat(f.row("SELECT deleted_at FROM contacts WHERE id = ?", ARIA).get("deleted_at")).isNotNull();
            assertThat(f.row("SELECT deleted_at FROM contacts WHERE id = ?", FRANK).get("deleted_at")).isNull();

            // Found unchanged, then a changed copy of the same record later in the walk: one distinct id.
            SyncRun next = writer.begin("contacts", "klink");
            writer.write(next, List.of(page.get(1)));
            ObjectNode changed = page.get(1).deepCopy();
            changed.put("name", "Frank, renamed");
            writer.write(next, List.of(changed));
            assertThat(List.of(next.updated.get(), next.unchanged.get())).containsExactly(1L, 1L);
            assertThat(writer.distinctSeen(next)).isOne();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void hardDeleteModeRemovesTheRowAndItsChildren(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.HARD)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            pass(writer, page);
            SyncRun run = pass(writer, List.of(page.get(1)));

            assertThat(run.deleted.get()).isOne();
            assertThat(f.rows("SELECT id FROM contacts")).containsExactly(Map.of("id", FRANK));
            for (String child : List.of("contact_emails", "contact_phones", "contact_tags", "contact_custom_field_values")) {
                assertThat(f.count("SELECT COUNT(*) FROM " + child + " WHERE contact_id = ?", ARIA)).as(child).isZero();
                assertThat(f.count("SELECT COUNT(*) FROM " + child + " WHERE contact_id = ?", FRANK)).as(child).isOne();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void syncRunsRowsCarryTheCountsAndTheOutcome(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            SyncRun ok = writer.begin("contacts", "klink");
            writer.write(ok, List.of(page.get(0)));
            writer.write(ok, List.of(page.get(1)));
            MirrorFixture.completeConfirmed(writer, ok);
            SyncRun broken = writer.begin("contacts", "klink");
            writer.write(broken, page);
            writer.fail(broken, "incomplete", "total drifted from 65 to 66 three times");

            assertThat(f.row("SELECT stream, profile, records_seen, inserted, updated, unchanged, deleted, status, error"
                    + " FROM sync_runs WHERE id = ?", ok.id())).containsExactly(entry("stream", "contacts"),
                    entry("profile", "klink"), entry("records_seen", 2L), entry("inserted", 2L),
                    entry("updated", 0L), entry("unchanged", 0L), entry("deleted", 0L), entry("status", "success"),
                    entry("error", null));
            Map<String, Object> failed = f.row("SELECT unchanged, status, error, started_at, ended_at FROM sync_runs"
                    + " WHERE id = ?", broken.id());
            assertThat(failed).contains(entry("unchanged", 2L), entry("status", "incomplete"),
                    entry("error", "total drifted from 65 to 66 three times"));
            assertThat((java.time.Instant) failed.get("ended_at")).isAfterOrEqualTo((java.time.Instant) failed.get("started_at"));
            assertThat(f.count("SELECT COUNT(*) FROM sync_seen")).isZero();
            assertThatThrownBy(() -> writer.fail(broken, "success", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aRunLeftRunningByADeadProcessIsAbandonedByTheNextRun(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            SyncRun crashed = writer.begin("contacts", "klink");
            writer.write(crashed, MirrorFixture.records("contacts"));
            SyncRun otherStream = writer.begin("groups", "klink");

            SyncRun next = writer.begin("contacts", "klink");

            assertThat(f.row("SELECT status, ended_at FROM sync_runs WHERE id = ?", crashed.id()).get("status")).isEqualTo("abandoned");
            assertThat(f.row("SELECT status FROM sync_runs WHERE id = ?", otherStream.id()).get("status")).isEqualTo("running");
            assertThat(f.row("SELECT status FROM sync_runs WHERE id = ?", next.id()).get("status")).isEqualTo("running");
            assertThat(f.count("SELECT COUNT(*) FROM sync_seen WHERE run_id = ?", crashed.id())).isZero();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aRecordRepeatedWithinAndAcrossPagesIsWrittenOnceAndCountedOnceAsDistinct(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, List.of(page.get(0), page.get(0)));
            writer.write(run, page);

            assertThat(run.seen.get()).isEqualTo(4);
            assertThat(writer.distinctSeen(run)).isEqualTo(2);
            assertThat(List.of(run.inserted.get(), run.updated.get(), run.unchanged.get())).containsExactly(2L, 0L, 1L);
            writer.resetSeen(run);
            assertThat(writer.distinctSeen(run)).isZero();
            assertThat(run.seen.get()).isZero();
            writer.write(run, page);
            MirrorFixture.completeConfirmed(writer, run);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void pagesWrittenFromFourThreadsAtOnceAllLand(String vendor) throws Exception {
        int pages = 12;
        int perPage = 50;
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            SyncRun run = writer.begin("contacts", "klink");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int p = 0; p < pages; p++) {
                    List<JsonNode> records = new ArrayList<>();
                    for (int i = 0; i < perPage; i++) {
                        // Every page shares the same two companies, the case where concurrent upserts meet.
                        records.add(MirrorFixture.contact("c-" + p + "-" + i, "Name " + i, "phone", "co-" + (i % 2),
                                "Company " + (i % 2), "vip", "t" + (i % 3)));
                    }
                    done.add(threads.submit(() -> writer.write(run, records)));
                }
                for (Future<?> page : done) {
                    page.get();
                }
            } finally {
                threads.shutdown();
            }
            MirrorFixture.completeConfirmed(writer, run);
            assertThat(run.inserted.get()).isEqualTo(pages * perPage);
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(pages * perPage);
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags")).isEqualTo(2L * pages * perPage);
            assertThat(f.count("SELECT COUNT(*) FROM companies")).isEqualTo(2);
            assertThat(f.count("SELECT records_seen FROM sync_runs WHERE id = ?", run.id())).isEqualTo((long) pages * perPage);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void theSameNewRecordsOnPagesWrittenAtOnceLandOnce(String vendor) throws Exception {
        int pages = 8;
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(MirrorFixture.contact("dup-" + i, "Name " + i, "phone", "co-1", "Company", "vip", "gold"));
        }
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            SyncRun run = writer.begin("contacts", "klink");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int p = 0; p < pages; p++) {
                    done.add(threads.submit(() -> writer.write(run, records)));
                }
                for (Future<?> page : done) {
                    page.get();
                }
            } finally {
                threads.shutdown();
            }
            assertThat(writer.distinctSeen(run)).isEqualTo(50);
            assertThat(run.inserted.get() + run.updated.get() + run.unchanged.get()).isEqualTo(pages * 50L);
            MirrorFixture.completeConfirmed(writer, run);
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(50);
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags")).isEqualTo(100);
            assertThat(f.count("SELECT COUNT(*) FROM contact_emails")).isEqualTo(50);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aCompanyIsUpdatedWhenAContactBringsANewVersionOfIt(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            List<JsonNode> page = MirrorFixture.records("contacts");
            pass(writer, page);
            ObjectNode aria = page.get(0).deepCopy();
            ((ObjectNode) aria.get("company")).put("industry", "Finance").put("phone", "09 123");
            pass(writer, List.of(aria, page.get(1)));
            assertThat(f.row("SELECT name, phone, industry FROM companies WHERE id = ?", "5073bd60-dee4-4866-a798-42c37300171c"))
                    .containsExactly(entry("name", "Cool Entreprise"), entry("phone", "09 123"), entry("industry", "Finance"));
            assertThat(f.count("SELECT COUNT(*) FROM companies")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void awkwardTextIsStoredExactly(String vendor) {
        String notes = "line one\nline \"two\", with \\ backslash\r\n\ttab and ဒဂုံ ";
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            ObjectNode contact = (ObjectNode) MirrorFixture.contact("odd", "", "phone", null, null);
            contact.put("notes", notes);
            contact.putNull("address");
            pass(writer, List.of(contact));
            assertThat(f.row("SELECT name, notes, address FROM contacts WHERE id = ?", "odd"))
                    .containsExactly(entry("name", ""), entry("notes", notes), entry("address", null));
        }
    }
}
