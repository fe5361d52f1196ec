package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.streams.StreamDeclaration;

import java.util.Map;

import static io.klinksync.mirror.RecordValues.instant;
import static io.klinksync.mirror.RecordValues.text;

/**
 * A group and its members. Members are contact objects that the docs abbreviate to {username}, so a
 * member is keyed by its id, else its username, else the hash of its JSON, and kept whole in raw_json.
 */
public final class GroupMapper implements RecordMapper {

    /** The longest member key stored as is; longer ones are replaced by their hash. */
    private static final int MAX_MEMBER_KEY = 255;

    private final String stream;
    private final MirrorTable memberTable;

    /** The tables are the declaration's (config/streams/groups.stream.yaml); the rows follow their column order. */
    public GroupMapper(StreamDeclaration declared) {
        this.stream = declared.name();
        this.memberTable = StreamTables.table(declared, "group_members");
    }

    @Override
    public String id(JsonNode r) {
        return RecordValues.id(stream, r);
    }

    @Override
    public Rows rows(JsonNode r, String id) {
        Object[] row = {id, text(r, "name"), text(r, "description"), text(r, "avatar_url"), text(r, "conversation_id"),
                instant(stream, r, "created_at"), instant(stream, r, "archived_at")};
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
        return new Rows(row, Map.of(memberTable, members.list()));
    }
}
