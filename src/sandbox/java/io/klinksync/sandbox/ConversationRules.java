package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;

/** Conversations: created for a contact or a group, updated partially, filtered by muted/archived/pinned/group_id. */
final class ConversationRules implements RecordRules {

    private static final Set<String> CREATE_FIELDS = Set.of("contact_id", "group_id");
    private static final Set<String> UPDATE_FIELDS = Set.of("pinned_message_id", "is_pinned", "is_muted", "archived_at");
    private static final Set<String> READ_ONLY = Set.of("id", "contact_id", "group_id", "last_active_at",
            "last_opened_at", "created_at");

    private final Clock clock;

    ConversationRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String noun() {
        return "conversation";
    }

    @Override
    public ObjectNode create(ObjectNode body, String id) {
        FieldChecks.onlyKnown(body, CREATE_FIELDS, Set.of(), "conversation create");
        JsonNode contact = FieldChecks.nullableText("contact_id", body.path("contact_id").isMissingNode()
                ? SandboxResponse.JSON.nullNode() : body.get("contact_id"));
        JsonNode group = FieldChecks.nullableText("group_id", body.path("group_id").isMissingNode()
                ? SandboxResponse.JSON.nullNode() : body.get("group_id"));
        if (contact.isNull() && group.isNull()) {
            throw ApiError.unprocessable("A conversation needs 'contact_id' or 'group_id'.");
        }
        ObjectNode conversation = SandboxResponse.JSON.createObjectNode();
        conversation.put("id", id);
        conversation.set("contact_id", contact);
        conversation.set("group_id", group);
        conversation.putNull("pinned_message_id");
        conversation.put("is_pinned", false);
        conversation.put("is_muted", false);
        conversation.putNull("last_active_at");
        conversation.putNull("last_opened_at");
        conversation.put("created_at", clock.instant().getEpochSecond());
        conversation.putNull("archived_at");
        return conversation;
    }

    @Override
    public ObjectNode update(ObjectNode existing, ObjectNode body) {
        FieldChecks.onlyKnown(body, UPDATE_FIELDS, READ_ONLY, "conversation update");
        ObjectNode updated = existing.deepCopy();
        if (body.has("pinned_message_id")) {
            updated.set("pinned_message_id", FieldChecks.nullableText("pinned_message_id", body.get("pinned_message_id")));
        }
        for (String flag : new String[]{"is_pinned", "is_muted"}) {
            if (body.has(flag)) {
                updated.set(flag, FieldChecks.bool(flag, body.get(flag)));
            }
        }
        if (body.has("archived_at")) {
            updated.set("archived_at", FieldChecks.nullableTimestamp("archived_at", body.get("archived_at")));
        }
        return updated;
    }

    @Override
    public Predicate<byte[]> filter(SandboxRequest request) {
        Boolean muted = request.booleanParam("muted");
        Boolean archived = request.booleanParam("archived");
        Boolean pinned = request.booleanParam("pinned");
        String groupId = request.param("group_id");
        if (muted == null && archived == null && pinned == null && (groupId == null || groupId.isEmpty())) {
            return null;
        }
        return bytes -> {
            JsonNode c = RecordTable.parse(bytes);
            return (muted == null || c.path("is_muted").asBoolean() == muted)
                    && (pinned == null || c.path("is_pinned").asBoolean() == pinned)
                    && (archived == null || c.hasNonNull("archived_at") == archived)
                    && (groupId == null || groupId.isEmpty() || groupId.equals(c.path("group_id").asText(null)));
        };
    }
}
