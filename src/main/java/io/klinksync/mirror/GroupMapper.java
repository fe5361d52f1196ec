package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.klinksync.mirror.RecordValues.instant;
import static io.klinksync.mirror.RecordValues.text;

/**
 * A group and its members. Members are contact objects that the docs abbreviate to {username}, so a
 * member is keyed by its id, else its username, else the hash of its JSON, and kept whole in raw_json.
 */
public final class GroupMapper implements RecordMapper {

    public static final String STREAM = "groups";
    /** The longest member key stored as is; longer ones are replaced by their hash. */
    private static final int MAX_MEMBER_KEY = 255;

    public static final MirrorTable CHAT_GROUPS = MirrorTable.of("chat_groups", List.of("id"),
            Column.text("id"), Column.text("name"), Column.text("description"), Column.text("avatar_url"),
            Column.text("conversation_id"), Column.timestamp("created_at"), Column.timestamp("archived_at"));
    public static final MirrorTable GROUP_MEMBERS = MirrorTable.of("group_members", List.of("group_id", "member_key"),
            Column.text("group_id"), Column.text("member_key"), Column.text("contact_id"), Column.text("username"),
            Column.text("raw_json"));

    @Override
    public MappedRecord map(JsonNode r) {
        String id = RecordValues.id(STREAM, r);
        Object[] row = {id, text(r, "name"), text(r, "description"), text(r, "avatar_url"), text(r, "conversation_id"),
                instant(STREAM, r, "created_at"), instant(STREAM, r, "archived_at")};
        UniqueRows members = new UniqueRows();
        JsonNode contacts = r.path("contacts");
        for (JsonNode member : contacts) {
            String memberId = member.isObject() ? text(member, "id") : null;
            String username = member.isObject() ? text(member, "username") : text(member);
            String key = memberId != null ? memberId : username;
            if (key == null || key.length() > MAX_MEMBER_KEY) {
                key = "sha256:" + CanonicalJson.sha256(member);
            }
            members.add(key, id, key, memberId, username, member.toString());
        }
        return MappedRecord.of(r, id, row, Map.of(GROUP_MEMBERS, members.list()), Map.of());
    }
}
