package io.klinksync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.klinksync.sync.SyncFixture.bool;
import static io.klinksync.sync.SyncFixture.instant;
import static org.assertj.core.api.Assertions.assertThat;

/** `klink-sync sync` against the sandbox into H2, PostgreSQL and MariaDB: what lands, and what a re-sync writes. */
class SyncIntoMirrorTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void everyStreamLandsWithTheDocumentedFieldsInTypedColumns(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            List<SyncRun> runs = f.sync();
            assertThat(runs).extracting(SyncRun::stream)
                    .containsExactly("contact_fields", "contact_groups", "contacts", "groups", "conversations");
            assertThat(runs).allSatisfy(run -> assertThat(run.status()).as(run.toString()).isEqualTo("success"));

            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());
            assertThat(f.count("SELECT COUNT(*) FROM conversations")).isEqualTo(f.sandbox.store().conversations().count());
            assertThat(f.count("SELECT COUNT(*) FROM chat_groups")).isEqualTo(f.sandbox.store().groups().count());
            assertThat(f.count("SELECT COUNT(*) FROM contact_groups")).isEqualTo(f.sandbox.store().contactGroups().count());
            assertThat(f.count("SELECT COUNT(*) FROM contact_fields")).isEqualTo(f.sandbox.store().contactFields().count());

            Map<String, Object> conversation = f.row("SELECT * FROM conversations WHERE id = ?", "xgQQXg3hrtjh7AvZ");
            assertThat(conversation.get("contact_id")).isEqualTo("WAz8eIbvDR60rouK");
            assertThat(conversation.get("group_id")).isNull();
            assertThat(bool(conversation.get("is_pinned"))).isFalse();
            assertThat(bool(conversation.get("is_muted"))).isFalse();
            assertThat(instant(conversation.get("last_active_at"))).isEqualTo(Instant.ofEpochSecond(705103200));
            assertThat(instant(conversation.get("created_at"))).isEqualTo(Instant.ofEpochSecond(692233200));
            assertThat(conversation.get("archived_at")).isNull();
            assertThat(conversation.get("deleted_at")).isNull();

            Map<String, Object> aria = f.row("SELECT * FROM contacts WHERE id = ?", "eefdaf75-ed19-4291-8e47-913f1205d02d");
            assertThat(aria.get("name")).isEqualTo("Aria ");
            assertThat(aria.get("address")).isEqualTo("Dagon Seikkan Township");
            assertThat(aria.get("channel")).isEqualTo("phone");
            assertThat(f.row("SELECT tag_name FROM contact_tags WHERE contact_id = ?", aria.get("id")).get("tag_name"))
                    .isEqualTo("platinum");
            assertThat(f.row("SELECT c.name FROM companies c JOIN contacts k ON k.company_id = c.id WHERE k.id = ?",
                    aria.get("id")).get("name")).isEqualTo("Cool Entreprise");
            Map<String, Object> email = f.row("SELECT * FROM contact_emails WHERE contact_id = ?", aria.get("id"));
            assertThat(email.get("email")).isEqualTo("mistercustomer@gmail.com");
            assertThat(bool(email.get("is_primary"))).isFalse();
            Map<String, Object> phone = f.row("SELECT * FROM contact_phones WHERE contact_id = ?", aria.get("id"));
            assertThat(phone.get("phone")).isEqualTo("09797877765");
            assertThat(bool(phone.get("is_primary"))).isTrue();
            Map<String, Object> sector = f.row("SELECT * FROM contact_custom_field_values WHERE contact_id = ? AND system_name = ?",
                    aria.get("id"), "cf_sector");
            assertThat(sector.get("value")).isEqualTo("Finance");
            assertThat(sector.get("type")).isEqualTo("text");

            assertThat(f.row("SELECT name FROM chat_groups WHERE id = ?", "l7cGNIBKZiNJ6wqF").get("name")).isEqualTo("Plaza Hotel");
            assertThat(f.count("SELECT COUNT(*) FROM group_members WHERE group_id = ?", "l7cGNIBKZiNJ6wqF")).isEqualTo(4);
            assertThat(f.count("SELECT COUNT(*) FROM group_members WHERE group_id = ? AND username = ?",
                    "l7cGNIBKZiNJ6wqF", "Hector")).isEqualTo(1);

            Map<String, Object> channel = f.row("SELECT * FROM contact_fields WHERE system_name = ?", "channel");
            assertThat(channel.get("type")).isEqualTo("select");
            assertThat(f.count("SELECT COUNT(*) FROM contact_field_options WHERE field_id = ? AND value = ?",
                    channel.get("id"), "phone")).isEqualTo(1);

            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'success'")).isEqualTo(5);
            Map<String, Object> contactsRun = f.row("SELECT * FROM sync_runs WHERE stream = 'contacts'");
            assertThat(((Number) contactsRun.get("records_seen")).longValue()).isEqualTo(f.sandbox.store().contacts().count());
            assertThat(((Number) contactsRun.get("inserted")).longValue()).isEqualTo(f.sandbox.store().contacts().count());
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void pagesGoToTheMirrorInBatchesAndEveryPageIsCounted(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(230).conversations(230))) {
            f.set("sync.page-size", "20").set("sync.pages-per-write", "3");
            List<SyncRun> runs = f.sync("contacts", "conversations");

            assertThat(runs).allSatisfy(run -> assertThat(run.status()).as(run.toString()).isEqualTo("success"));
            long contacts = f.sandbox.store().contacts().count();
            long conversations = f.sandbox.store().conversations().count();
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(contacts);
            assertThat(f.count("SELECT COUNT(*) FROM conversations")).isEqualTo(conversations);
            for (String stream : List.of("contacts", "conversations")) {
                long served = f.sandbox.requests().stream().filter(r -> r.path().endsWith("/" + stream)).count();
                assertThat(f.count("SELECT pages FROM sync_runs WHERE stream = ?", stream)).as(stream).isEqualTo(served);
            }
            assertThat(f.count("SELECT records_seen FROM sync_runs WHERE stream = 'contacts'")).isEqualTo(contacts);
            assertThat(f.count("SELECT records_seen FROM sync_runs WHERE stream = 'conversations'")).isEqualTo(conversations);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aRecordTheMirrorRefusesIsRejectedAndTheRestOfItsBatchLands(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(230))) {
            f.set("sync.page-size", "20").set("sync.pages-per-write", "3");
            f.sync("contacts");
            List<String> ids = f.sandbox.store().contacts().ids();
            String refused = ids.get(150);
            String neighbour = ids.get(151);
            // channel is VARCHAR(255) in every vendor's schema: this record cannot be stored, its batch can.
            f.sandbox.store().contacts().update(refused, c -> c.put("channel", "x".repeat(300)));
            f.sandbox.store().contacts().update(neighbour, c -> c.put("channel", "viber"));

            SyncRun run = f.syncOne("contacts");

            assertThat(run.status()).as(run.toString()).isEqualTo("success");
            assertThat(run.rejected.get()).isOne();
            assertThat(f.row("SELECT channel FROM contacts WHERE id = ?", neighbour).get("channel")).isEqualTo("viber");
            assertThat(f.row("SELECT channel FROM contacts WHERE id = ?", refused).get("channel")).asString().hasSizeLessThan(300);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(ids.size());
            assertThat(f.row("SELECT reason FROM sync_rejects WHERE run_id = ? AND record_id = ?", run.id(), refused)
                    .get("reason")).asString().contains("contacts.channel");
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void resyncWithoutChangesWritesNothing(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            f.sync();
            Object syncedAt = f.row("SELECT synced_at FROM contacts WHERE id = ?", "eefdaf75-ed19-4291-8e47-913f1205d02d").get("synced_at");
            List<SyncRun> again = f.sync();
            assertThat(again).allSatisfy(run -> {
                assertThat(run.status()).isEqualTo("success");
                assertThat(run.inserted.get() + run.updated.get() + run.deleted.get()).as(run.toString()).isZero();
                assertThat(run.unchanged.get()).isEqualTo(run.seen.get());
            });
            assertThat(f.row("SELECT synced_at FROM contacts WHERE id = ?", "eefdaf75-ed19-4291-8e47-913f1205d02d").get("synced_at"))
                    .isEqualTo(syncedAt);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void oneChangedRecordIsExactlyOneUpdateWithItsChildrenReplaced(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            f.sync("contacts");
            String id = "eefdaf75-ed19-4291-8e47-913f1205d02d";
            ObjectNode aria = (ObjectNode) f.sandbox.store().contacts().get(id).deepCopy();
            aria.put("name", "Aria Thant");
            aria.withArray("tags").removeAll().addObject().put("id", "t-gold").put("name", "gold");
            f.sandbox.store().contacts().replace(aria);

            SyncRun run = f.syncOne("contacts");
            assertThat(run.updated.get()).isEqualTo(1);
            assertThat(run.inserted.get()).isZero();
            assertThat(run.unchanged.get()).isEqualTo(f.sandbox.store().contacts().count() - 1);
            assertThat(f.row("SELECT name FROM contacts WHERE id = ?", id).get("name")).isEqualTo("Aria Thant");
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags WHERE contact_id = ?", id)).isEqualTo(1);
            assertThat(f.row("SELECT tag_name FROM contact_tags WHERE contact_id = ?", id).get("tag_name")).isEqualTo("gold");
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aDeletedRecordIsSoftDeletedOnlyAfterACompletePass(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            f.sync("conversations");
            f.sandbox.store().conversations().delete("xgQQXg3hrtjh7AvZ");

            // A pass that fails part-way deletes nothing.
            f.sandbox.knobs().failNext(50, io.klinksync.sandbox.FaultKind.SERVER_ERROR);
            SyncRun failed = f.set("api.retry.max-retries", "1").syncOne("conversations");
            assertThat(failed.status()).isEqualTo("failed");
            assertThat(failed.error()).contains("/conversations");
            assertThat(f.row("SELECT deleted_at FROM conversations WHERE id = ?", "xgQQXg3hrtjh7AvZ").get("deleted_at")).isNull();

            f.sandbox.knobs().reset();
            SyncRun complete = f.syncOne("conversations");
            assertThat(complete.status()).isEqualTo("success");
            assertThat(complete.deleted.get()).isEqualTo(1);
            assertThat(f.row("SELECT deleted_at FROM conversations WHERE id = ?", "xgQQXg3hrtjh7AvZ").get("deleted_at")).isNotNull();
            assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE deleted_at IS NULL"))
                    .isEqualTo(f.sandbox.store().conversations().count());
            assertThat(f.row("SELECT * FROM sync_runs WHERE status = 'failed'").get("error").toString()).contains("/conversations");
        }
    }
}
