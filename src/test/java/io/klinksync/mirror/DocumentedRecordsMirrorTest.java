package io.klinksync.mirror;

import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Every field of the documented examples lands in its typed column, on every vendor. */
class DocumentedRecordsMirrorTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    private static void mirrorAll(JdbcMirrorWriter writer, String stream) {
        SyncRun run = writer.begin(stream, "klink");
        writer.write(run, MirrorFixture.records(stream));
        MirrorFixture.completeConfirmed(writer, run);
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void conversationFieldsAreTyped(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            mirrorAll(writer, "conversations");
            Map<String, Object> row = f.row("SELECT * FROM conversations WHERE id = ?", "xgQQXg3hrtjh7AvZ");
            assertThat(row).contains(entry("contact_id", "WAz8eIbvDR60rouK"), entry("group_id", null),
                    entry("pinned_message_id", null), entry("is_pinned", false), entry("is_muted", false),
                    entry("last_active_at", Instant.ofEpochSecond(705103200)),
                    entry("last_opened_at", Instant.ofEpochSecond(705103200)),
                    entry("created_at", Instant.ofEpochSecond(692233200)), entry("archived_at", null),
                    entry("deleted_at", null));
            assertThat(row.get("content_hash")).asString().hasSize(64);
            assertThat(row.get("raw_json")).asString().contains("\"id\":\"xgQQXg3hrtjh7AvZ\"");
            assertThat(row.get("first_seen_at")).isNotNull().isEqualTo(row.get("synced_at"));

            Map<String, Object> other = f.row("SELECT * FROM conversations WHERE id = ?", "hSIhXBhNe8X1d8Et");
            assertThat(other).contains(entry("group_id", "l7cGNIBKZiNJ6wqF"), entry("pinned_message_id", "msg_pinned_01"),
                    entry("is_pinned", true), entry("is_muted", true), entry("last_opened_at", null),
                    entry("archived_at", Instant.ofEpochSecond(705276000)));
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void groupAndItsMembersAreTyped(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            mirrorAll(writer, "groups");
            assertThat(f.row("SELECT * FROM chat_groups WHERE id = ?", "l7cGNIBKZiNJ6wqF")).contains(
                    entry("name", "Plaza Hotel"), entry("description", "World-renowned."),
                    entry("avatar_url", "https://assets.protocol.chat/avatars/plazahotel.jpg"),
                    entry("conversation_id", "ZYjVAbCE9g5XRlra"), entry("created_at", Instant.ofEpochSecond(692233200)),
                    entry("archived_at", null));
            assertThat(f.rows("SELECT member_key, contact_id, username, raw_json FROM group_members WHERE group_id = ?"
                    + " ORDER BY member_key", "l7cGNIBKZiNJ6wqF")).containsExactly(
                    withNullContact(member("Cedric")), withNullContact(member("Cliff")), withNullContact(member("Hector")), withNullContact(member("Hester")));
            assertThat(f.row("SELECT member_key, contact_id, username FROM group_members WHERE group_id = ?", "hSIhXBhNe8X1d8Et"))
                    .containsExactly(entry("member_key", "WAz8eIbvDR60rouK"), entry("contact_id", "WAz8eIbvDR60rouK"),
                            entry("username", "Frank"));
        }
    }

    private static Map<String, Object> member(String username) {
        return Map.of("member_key", username, "username", username, "raw_json", "{\"username\":\"" + username + "\"}");
    }

    private static Map<String, Object> withNullContact(Map<String, Object> member) {
        Map<String, Object> row = new java.util.HashMap<>(member);
        row.put("contact_id", null);
        return row;
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void contactAndItsChildrenAreTypedAndByteExact(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            mirrorAll(writer, "contacts");
            String aria = "eefdaf75-ed19-4291-8e47-913f1205d02d";
            assertThat(f.row("SELECT id, name, address, channel, notes, avatar_url, company_id FROM contacts WHERE id = ?", aria))
                    .containsExactly(entry("id", aria), entry("name", "Aria "), entry("address", "Dagon Seikkan Township"),
                            entry("channel", "phone"), entry("notes", null), entry("avatar_url", null),
                            entry("company_id", "5073bd60-dee4-4866-a798-42c37300171c"));
            // The trailing space is significant: 'Aria' is another name.
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE name = ?", "Aria")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE name = ?", "Aria ")).isOne();
            assertThat(f.row("SELECT * FROM contact_tags WHERE contact_id = ?", aria)).containsExactly(
                    entry("contact_id", aria), entry("tag_id", "258fc2c9-738d-4889-806c-0955a3b892c3"),
                    entry("tag_name", "platinum"));
            assertThat(f.row("SELECT * FROM companies WHERE id = ?", "5073bd60-dee4-4866-a798-42c37300171c")).containsExactly(
                    entry("id", "5073bd60-dee4-4866-a798-42c37300171c"), entry("name", "Cool Entreprise"),
                    entry("phone", null), entry("address", null), entry("industry", null));
            assertThat(f.row("SELECT * FROM contact_emails WHERE contact_id = ?", aria)).containsExactly(
                    entry("contact_id", aria), entry("email", "mistercustomer@gmail.com"),
                    entry("email_key", "mistercustomer@gmail.com"), entry("is_primary", false), entry("position", 0L));
            assertThat(f.row("SELECT * FROM contact_phones WHERE contact_id = ?", aria)).containsExactly(
                    entry("contact_id", aria), entry("phone", "09797877765"), entry("is_primary", true), entry("position", 0L));
            assertThat(f.row("SELECT * FROM contact_custom_field_values WHERE contact_id = ?", aria)).containsExactly(
                    entry("contact_id", aria), entry("system_name", "cf_sector"), entry("display_name", "sector`"),
                    entry("type", "text"), entry("value", "Finance"));

            String frank = "c786bb40-a58e-4d60-afe6-061e2b819811";
            Map<String, Object> myanmar = f.row("SELECT address, notes FROM contacts WHERE id = ?", frank);
            assertThat(utf8Hex(myanmar.get("address"))).isEqualTo(utf8Hex("ဒဂုံဆိပ်ကမ်းမြို့နယ်"));
            assertThat(utf8Hex(myanmar.get("notes"))).isEqualTo(utf8Hex("မင်္ဂလာပါ"));
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE address = ?", "ဒဂုံဆိပ်ကမ်းမြို့နယ်")).isOne();
            assertThat(f.row("SELECT email, is_primary FROM contact_emails WHERE contact_id = ?", frank))
                    .containsExactly(entry("email", "frankmccallister@gmail.com"), entry("is_primary", true));
            assertThat(f.count("SELECT COUNT(*) FROM companies")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void contactGroupsAndFieldsAreTyped(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            mirrorAll(writer, "contact_groups");
            mirrorAll(writer, "contact_fields");
            assertThat(f.row("SELECT id, value, label, is_default FROM contact_groups WHERE id = ?",
                    "7b03581e-78d1-47fa-aaf0-8f5b3733a803")).containsExactly(
                    entry("id", "7b03581e-78d1-47fa-aaf0-8f5b3733a803"), entry("value", "new"), entry("label", "new"),
                    entry("is_default", false));
            assertThat(f.row("SELECT id, system_name, display_name, type, is_default, is_archived, is_required, is_unique"
                    + " FROM contact_fields WHERE id = ?", "464b7eef-22ed-435e-9bef-35b58e435eda")).containsExactly(
                    entry("id", "464b7eef-22ed-435e-9bef-35b58e435eda"), entry("system_name", "channel"),
                    entry("display_name", "Channel"), entry("type", "select"), entry("is_default", true),
                    entry("is_archived", true), entry("is_required", true), entry("is_unique", false));
            assertThat(f.rows("SELECT value, label, is_default, position FROM contact_field_options WHERE field_id = ?"
                    + " ORDER BY position", "464b7eef-22ed-435e-9bef-35b58e435eda")).containsExactly(
                    Map.of("value", "phone", "label", "Phone", "is_default", true, "position", 0L),
                    Map.of("value", "G-Mail", "label", "G-Mail", "is_default", false, "position", 1L));
        }
    }

    private static String utf8Hex(Object text) {
        return HexFormat.of().formatHex(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
    }
}
