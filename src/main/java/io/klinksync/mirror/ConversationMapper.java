package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.klinksync.mirror.RecordValues.bool;
import static io.klinksync.mirror.RecordValues.instant;
import static io.klinksync.mirror.RecordValues.text;

/** A conversation is one flat row. */
public final class ConversationMapper implements RecordMapper {

    public static final String STREAM = "conversations";
    public static final MirrorTable CONVERSATIONS = MirrorTable.of("conversations", List.of("id"),
            Column.text("id"), Column.text("contact_id"), Column.text("group_id"), Column.text("pinned_message_id"),
            Column.bool("is_pinned"), Column.bool("is_muted"), Column.timestamp("last_active_at"),
            Column.timestamp("last_opened_at"), Column.timestamp("created_at"), Column.timestamp("archived_at"));

    @Override
    public MappedRecord map(JsonNode r) {
        String id = RecordValues.id(STREAM, r);
        Object[] row = {id, text(r, "contact_id"), text(r, "group_id"), text(r, "pinned_message_id"), bool(r, "is_pinned"),
                bool(r, "is_muted"), instant(STREAM, r, "last_active_at"), instant(STREAM, r, "last_opened_at"),
                instant(STREAM, r, "created_at"), instant(STREAM, r, "archived_at")};
        return MappedRecord.of(r, id, row, Map.of(), Map.of());
    }
}
