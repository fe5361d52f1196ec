package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.StreamDeclarations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.klinksync.mirror.RecordValues.bool;
import static io.klinksync.mirror.RecordValues.instant;
import static io.klinksync.mirror.RecordValues.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic mapping of a declaration: the rows the deleted hand-written mappers produced, and nested shapes. */
class GenericRecordMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamDeclarations SHIPPED = StreamDeclarations.load(Path.of("config", StreamDeclarations.DIR));

    /** ConversationMapper's rows, as it wrote them before the declaration took over. */
    private static final Function<JsonNode, Object[]> CONVERSATION_ROWS_BEFORE = r -> new Object[]{
            RecordValues.id("conversations", r), text(r, "contact_id"), text(r, "group_id"), text(r, "pinned_message_id"),
            bool(r, "is_pinned"), bool(r, "is_muted"), instant("conversations", r, "last_active_at"),
            instant("conversations", r, "last_opened_at"), instant("conversations", r, "created_at"),
            instant("conversations", r, "archived_at")};
    /** ContactGroupMapper's rows, likewise. */
    private static final Function<JsonNode, Object[]> CONTACT_GROUP_ROWS_BEFORE = r -> new Object[]{
            RecordValues.id("contact_groups", r), text(r, "value"), text(r, "label"), bool(r, "is_default")};

    @Test
    void conversationsAndContactGroupsAreMappedGenerically() {
        assertThat(SHIPPED.get("conversations").mapper()).isNull();
        assertThat(SHIPPED.get("contact_groups").mapper()).isNull();
        assertThat(StreamTables.from(SHIPPED.get("conversations")).mapper()).isInstanceOf(GenericRecordMapper.class);
    }

    @Test
    void conversationRowsAreExactlyTheOldMappersRows() throws Exception {
        List<JsonNode> records = records(Path.of("samples", "sandbox", "conversations.json"));
        records.add(JSON.readTree("""
                {"id": "c-odd", "contact_id": 42, "group_id": {"nested": true}, "is_pinned": "TRUE", "is_muted": 0,
                 "last_active_at": "1700000000", "last_opened_at": "2024-01-02T03:04:05+02:00", "created_at": " ",
                 "extra": "ignored"}"""));
        records.add(JSON.readTree("{\"id\": \"c-bare\"}"));
        assertSameRows(new GenericRecordMapper(SHIPPED.get("conversations")), CONVERSATION_ROWS_BEFORE, records);
    }

    @Test
    void contactGroupRowsAreExactlyTheOldMappersRows() throws Exception {
        List<JsonNode> records = records(Path.of("samples", "sandbox", "contact_groups.json"));
        records.add(JSON.readTree("{\"id\": \"g-odd\", \"value\": \" spaced \", \"label\": null, \"is_default\": \"yes\"}"));
        assertSameRows(new GenericRecordMapper(SHIPPED.get("contact_groups")), CONTACT_GROUP_ROWS_BEFORE, records);
    }

    @Test
    void theOldErrorsStay() throws Exception {
        GenericRecordMapper conversations = new GenericRecordMapper(SHIPPED.get("conversations"));
        assertThatThrownBy(() -> conversations.map(JSON.readTree("{\"contact_id\": \"x\"}")))
                .isInstanceOf(MirrorException.class).hasMessageContaining("A conversations record has no id");
        assertThatThrownBy(() -> conversations.map(JSON.readTree("{\"id\": \"c1\", \"created_at\": \"yesterday\"}")))
                .isInstanceOf(MirrorException.class)
                .hasMessageContaining("Field 'created_at' of conversations record c1 is 'yesterday'");
    }

    @Test
    void nestedObjectsChildListsAndSharedRows(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.stream.yaml"), """
                name: notes
                paging: cursor
                schedule: "0 0 * * * ?"
                columns:
                  - { name: id,         type: text }
                  - { name: title,      type: text }
                  - { name: words,      type: integer }
                  - { name: author_id,  type: text, from: author.id }
                  - { name: city,       type: text, from: author.address.city }
                  - { name: pinned,     type: boolean, from: flags.pinned }
                  - { name: written_at, type: timestamp }
                children:
                  - table: note_links
                    from: links
                    parent-key: note_id
                    key: [url]
                    position: true
                    columns:
                      - { name: url,       type: text }
                      - { name: url_key,   type: text, lower-of: url }
                      - { name: label,     type: text, from: meta.label }
                  - table: note_tags
                    from: tags
                    parent-key: note_id
                    key: [tag_id, scope]
                    columns:
                      - { name: tag_id, type: text, from: id }
                      - { name: scope,  type: text }
                shared:
                  - table: note_authors
                    from: author
                    key: [id]
                    columns:
                      - { name: id,   type: text }
                      - { name: name, type: text }
                """);
        StreamDeclaration notes = StreamDeclarations.load(dir).get("notes");
        StreamTables tables = StreamTables.from(notes);
        assertThat(tables.parent().columnNames())
                .containsExactly("id", "title", "words", "author_id", "city", "pinned", "written_at");
        MirrorTable links = tables.children().get(0);
        MirrorTable tags = tables.children().get(1);
        assertThat(links.columnNames()).containsExactly("note_id", "url", "label", "position");
        assertThat(links.key()).containsExactly("note_id", "url");
        assertThat(tags.key()).containsExactly("note_id", "tag_id", "scope");

        MappedRecord mapped = tables.mapper().map(JSON.readTree("""
                {"id": "n1", "title": "Hello", "words": 12,
                 "author": {"id": "a1", "name": "Ann", "address": {"city": "Yangon"}},
                 "flags": {"pinned": 1}, "written_at": 1700000000,
                 "links": [{"url": "https://a.test", "meta": {"label": "A"}}, {"meta": {"label": "no url"}},
                           "bare", {"url": "https://b.test"}, {"url": "https://a.test", "meta": {"label": "again"}}],
                 "tags": [{"id": "t1", "scope": "x"}, {"id": "t1", "scope": "y"}, {"id": "t1", "scope": "x"}, {"id": "t2"}]}
                """));
        assertThat(mapped.id()).isEqualTo("n1");
        assertThat(mapped.parent()).containsExactly("n1", "Hello", 12L, "a1", "Yangon", true, Instant.ofEpochSecond(1700000000));
        assertThat(mapped.children().get(links)).containsExactly(
                new Object[]{"n1", "https://a.test", "A", 0}, new Object[]{"n1", "https://b.test", null, 1});
        assertThat(mapped.children().get(tags)).containsExactly(new Object[]{"n1", "t1", "x"}, new Object[]{"n1", "t1", "y"});
        assertThat(mapped.shared()).containsOnlyKeys(tables.shared().get(0));
        assertThat(mapped.shared().get(tables.shared().get(0))).containsExactly(new Object[]{"a1", "Ann"});

        MappedRecord bare = tables.mapper().map(JSON.readTree("{\"id\": \"n2\", \"author\": \"Ann\", \"links\": {\"url\": \"x\"}}"));
        assertThat(bare.parent()).containsExactly("n2", null, null, null, null, null, null);
        assertThat(bare.children().get(links)).isEmpty();
        assertThat(bare.children().get(tags)).isEmpty();
        assertThat(bare.shared()).isEmpty();
        assertThatThrownBy(() -> tables.mapper().map(JSON.readTree("{\"id\": \"n3\", \"words\": 1.5}")))
                .isInstanceOf(MirrorException.class).hasMessageContaining("expected a whole number");
    }

    private static void assertSameRows(RecordMapper mapper, Function<JsonNode, Object[]> before, List<JsonNode> records) {
        assertThat(records).hasSizeGreaterThan(2);
        for (JsonNode record : records) {
            MappedRecord mapped = mapper.map(record);
            assertThat(mapped.parent()).as(record.toString()).containsExactly(before.apply(record));
            assertThat(mapped.id()).isEqualTo(record.get("id").asText());
            assertThat(mapped.children()).isEmpty();
            assertThat(mapped.shared()).isEmpty();
            assertThat(mapped.contentHash()).isEqualTo(ContentHash.of(record));
        }
    }

    private static List<JsonNode> records(Path file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        JSON.readTree(file.toFile()).forEach(records::add);
        return records;
    }
}
