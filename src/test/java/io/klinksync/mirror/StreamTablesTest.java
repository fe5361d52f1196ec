package io.klinksync.mirror;

import io.klinksync.streams.StreamDeclarations;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry built from config/streams is exactly the tables the mappers' constants declared before. */
class StreamTablesTest {

    /** The MirrorTable constants of the mappers before the declarations, column by column. */
    private static final List<MirrorTable> BEFORE = List.of(
            MirrorTable.of("conversations", List.of("id"),
                    Column.text("id"), Column.text("contact_id"), Column.text("group_id"), Column.text("pinned_message_id"),
                    Column.bool("is_pinned"), Column.bool("is_muted"), Column.timestamp("last_active_at"),
                    Column.timestamp("last_opened_at"), Column.timestamp("created_at"), Column.timestamp("archived_at")),
            MirrorTable.of("chat_groups", List.of("id"),
                    Column.text("id"), Column.text("name"), Column.text("description"), Column.text("avatar_url"),
                    Column.text("conversation_id"), Column.timestamp("created_at"), Column.timestamp("archived_at")),
            MirrorTable.of("group_members", List.of("group_id", "member_key"),
                    Column.text("group_id"), Column.text("member_key"), Column.text("contact_id"), Column.text("username"),
                    Column.text("raw_json")),
            MirrorTable.of("contacts", List.of("id"),
                    Column.text("id"), Column.text("name"), Column.text("address"), Column.text("channel"),
                    Column.text("notes"), Column.text("avatar_url"), Column.text("company_id")),
            MirrorTable.of("contact_emails", List.of("contact_id", "email"),
                    Column.text("contact_id"), Column.text("email"), Column.bool("is_primary"), Column.integer("position")),
            MirrorTable.of("contact_phones", List.of("contact_id", "phone"),
                    Column.text("contact_id"), Column.text("phone"), Column.bool("is_primary"), Column.integer("position")),
            MirrorTable.of("contact_tags", List.of("contact_id", "tag_id"),
                    Column.text("contact_id"), Column.text("tag_id"), Column.text("tag_name")),
            MirrorTable.of("contact_custom_field_values", List.of("contact_id", "system_name"),
                    Column.text("contact_id"), Column.text("system_name"), Column.text("display_name"),
                    Column.text("type"), Column.text("value")),
            MirrorTable.of("companies", List.of("id"),
                    Column.text("id"), Column.text("name"), Column.text("phone"), Column.text("address"),
                    Column.text("industry")),
            MirrorTable.of("contact_groups", List.of("id"),
                    Column.text("id"), Column.text("value"), Column.text("label"), Column.bool("is_default")),
            MirrorTable.of("contact_fields", List.of("id"),
                    Column.text("id"), Column.text("system_name"), Column.text("display_name"), Column.text("type"),
                    Column.bool("is_default"), Column.bool("is_archived"), Column.bool("is_required"),
                    Column.bool("is_unique")),
            MirrorTable.of("contact_field_options", List.of("field_id", "value"),
                    Column.text("field_id"), Column.text("value"), Column.text("label"), Column.bool("is_default"),
                    Column.integer("position")));

    @Test
    void everyDeclaredTableHasTheColumnsAndKeyOfBefore() {
        Map<String, StreamTables> registry = StreamTables.use(StreamDeclarations.load(Path.of("config", StreamDeclarations.DIR)));
        Map<String, MirrorTable> built = registry.values().stream().flatMap(t -> t.allTables().stream())
                .collect(Collectors.toMap(MirrorTable::name, t -> t));
        assertThat(built.keySet()).containsExactlyInAnyOrderElementsOf(BEFORE.stream().map(MirrorTable::name).toList());
        for (MirrorTable before : BEFORE) {
            MirrorTable now = built.get(before.name());
            assertThat(now.columns()).as(before.name()).containsExactlyElementsOf(before.columns());
            assertThat(now.key()).as(before.name()).containsExactlyElementsOf(before.key());
        }
        assertThat(registry.keySet()).containsExactly("contact_fields", "contact_groups", "contacts", "groups", "conversations");
        assertThat(StreamTables.of("contacts").shared()).extracting(MirrorTable::name).containsExactly("companies");
        assertThat(StreamTables.of("contacts").mapper()).isInstanceOf(ContactMapper.class);
        assertThat(StreamTables.of("groups").mapper()).isInstanceOf(GroupMapper.class);
        assertThat(StreamTables.of("contact_fields").mapper()).isInstanceOf(ContactFieldMapper.class);
        assertThat(StreamTables.of("contact_groups").mapper()).isInstanceOf(GenericRecordMapper.class);
    }
}
