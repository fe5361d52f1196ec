package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Groups: a name is required, members are kept as sent (whatever key each carries), filtered by archived. */
final class GroupRules implements RecordRules {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "description", "avatar_url", "contacts");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "description", "avatar_url", "contacts", "archived_at");
    private static final Set<String> READ_ONLY = Set.of("id", "conversation_id", "created_at");

    private final Clock clock;
    private final Supplier<String> conversationIds;

    GroupRules(Clock clock, Supplier<String> conversationIds) {
        this.clock = clock;
        this.conversationIds = conversationIds;
    }

    @Override
    public String noun() {
        return "group";
    }

    @Override
    public ObjectNode create(ObjectNode body, String id) {
        FieldChecks.onlyKnown(body, CREATE_FIELDS, Set.of(), "group create");
        if (!body.has("name")) {
            throw ApiError.unprocessable("'name' is required: the name for the group.");
        }
        ObjectNode group = SandboxResponse.JSON.createObjectNode();
        group.put("id", id);
        group.set("name", FieldChecks.nonBlankText("name", body.get("name")));
        group.set("description", FieldChecks.nullableText("description", body.has("description")
                ? body.get("description") : SandboxResponse.JSON.nullNode()));
        group.set("avatar_url", FieldChecks.nullableText("avatar_url", body.has("avatar_url")
                ? body.get("avatar_url") : SandboxResponse.JSON.nullNode()));
        group.put("conversation_id", conversationIds.get());
        group.set("contacts", body.has("contacts") ? members(body.get("contacts")) : SandboxResponse.JSON.createArrayNode());
        group.put("created_at", clock.instant().getEpochSecond());
        group.putNull("archived_at");
        return group;
    }

    @Override
    public ObjectNode update(ObjectNode existing, ObjectNode body) {
        FieldChecks.onlyKnown(body, UPDATE_FIELDS, READ_ONLY, "group update");
        ObjectNode updated = existing.deepCopy();
        if (body.has("name")) {
            updated.set("name", FieldChecks.nonBlankText("name", body.get("name")));
        }
        for (String text : new String[]{"description", "avatar_url"}) {
            if (body.has(text)) {
                updated.set(text, FieldChecks.nullableText(text, body.get(text)));
            }
        }
        if (body.has("contacts")) {
            updated.set("contacts", members(body.get("contacts")));
        }
        if (body.has("archived_at")) {
            updated.set("archived_at", FieldChecks.nullableTimestamp("archived_at", body.get("archived_at")));
        }
        return updated;
    }

    private static JsonNode members(JsonNode contacts) {
        if (!contacts.isArray()) {
            throw ApiError.unprocessable("'contacts' must be an array of contact objects, not " + contacts + ".");
        }
        for (JsonNode member : contacts) {
            if (!member.isObject()) {
                throw ApiError.unprocessable("Each of 'contacts' must be a contact object (e.g. {\"username\": \"Hector\"}),"
                        + " not " + member + ".");
            }
        }
        return contacts;
    }

    @Override
    public Predicate<byte[]> filter(SandboxRequest request) {
        Boolean archived = request.booleanParam("archived");
        if (archived == null) {
            return null;
        }
        return bytes -> RecordTable.parse(bytes).hasNonNull("archived_at") == archived;
    }
}
