package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns contact writes (tags as names, company as a name, customFields keyed by system name) into the stored
 * read shape, validating every value against the contact field definitions the way the API does (422).
 */
final class ContactWrites {

    static final String SPECIFIC_UPDATE_FIELDS = "specific_update_fields";
    private static final List<String> READ_ORDER = List.of("id", "name", "address", "channel", "notes", "avatar_url",
            "tags", "company", "email", "phone", "customFields");
    private static final List<String> WRITABLE = List.of("name", "address", "channel", "notes", "avatar_url", "tags",
            "company", "email", "phone", "customFields");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SandboxStore store;
    private final String nameField;

    ContactWrites(SandboxStore store, String nameField) {
        this.store = store;
        this.nameField = nameField;
    }

    /** A new contact in the read shape, from a create body. */
    ObjectNode create(ObjectNode body, String id) {
        checkKnownFields(body, false);
        JsonNode name = body.get(nameField);
        if (name == null && !nameField.equals("name")) {
            name = body.get("name");
        }
        if (name == null) {
            throw ApiError.unprocessable("'" + nameField + "' is required: the contact's display name.");
        }
        for (String required : List.of("email", "phone")) {
            if (!body.has(required)) {
                throw ApiError.unprocessable("'" + required + "' is required: an array of {" + required
                        + ", isPrimary} objects (it may be empty).");
            }
        }
        ObjectNode contact = emptyContact(id);
        FieldDefinitions fields = store.fieldDefinitions();
        apply(contact, "name", name, fields);
        for (String field : WRITABLE) {
            if (!field.equals("name") && body.has(field)) {
                apply(contact, field, body.get(field), fields);
            }
        }
        return contact;
    }

    /** The contact after an update: only the fields named in specific_update_fields (all given ones when empty). */
    ObjectNode update(ObjectNode existing, ObjectNode body) {
        JsonNode listed = body.get(SPECIFIC_UPDATE_FIELDS);
        if (listed == null) {
            throw ApiError.badRequest("'" + SPECIFIC_UPDATE_FIELDS + "' is required: an array naming the fields to"
                    + " change, or [] to change every field in the body.");
        }
        if (!listed.isArray()) {
            throw ApiError.badRequest("'" + SPECIFIC_UPDATE_FIELDS + "' must be an array of field names, not " + listed + ".");
        }
        checkKnownFields(body, true);
        Set<String> targets = new LinkedHashSet<>();
        for (JsonNode entry : listed) {
            if (!entry.isTextual()) {
                throw ApiError.badRequest("'" + SPECIFIC_UPDATE_FIELDS + "' must hold field names (strings), not " + entry + ".");
            }
            String field = canonical(entry.asText());
            if (!WRITABLE.contains(field)) {
                throw ApiError.unprocessable("'" + SPECIFIC_UPDATE_FIELDS + "' names '" + entry.asText()
                        + "', which is not an updatable contact field; expected some of " + WRITABLE + ".");
            }
            if (bodyValue(body, field) == null) {
                throw ApiError.unprocessable("'" + SPECIFIC_UPDATE_FIELDS + "' names '" + entry.asText()
                        + "' but the body has no value for it; send the value (null to clear).");
            }
            targets.add(field);
        }
        if (listed.isEmpty()) {
            for (String field : WRITABLE) {
                if (bodyValue(body, field) != null) {
                    targets.add(field);
                }
            }
        }
        ObjectNode updated = existing.deepCopy();
        FieldDefinitions fields = store.fieldDefinitions();
        for (String field : targets) {
            apply(updated, field, bodyValue(body, field), fields);
        }
        return ordered(updated);
    }

    private JsonNode bodyValue(ObjectNode body, String field) {
        if (field.equals("name")) {
            return body.has(nameField) ? body.get(nameField) : body.get("name");
        }
        return body.get(field);
    }

    private String canonical(String field) {
        return field.equals(nameField) ? "name" : field;
    }

    private void checkKnownFields(ObjectNode body, boolean update) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (WRITABLE.contains(canonical(field)) || field.equals("id") || field.equals(SPECIFIC_UPDATE_FIELDS)) {
                continue;
            }
            throw ApiError.unprocessable("Unknown contact field '" + field + "'; a contact " + (update ? "update" : "create")
                    + " accepts " + nameField + ", " + String.join(", ", WRITABLE.subList(1, WRITABLE.size()))
                    + (update ? " and " + SPECIFIC_UPDATE_FIELDS : "") + ".");
        }
    }

    private void apply(ObjectNode contact, String field, JsonNode value, FieldDefinitions fields) {
        switch (field) {
            case "name" -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw ApiError.unprocessable("'" + nameField + "' must be a non-empty string, not " + value + ".");
                }
                contact.set("name", value);
            }
            case "address", "notes", "avatar_url" -> contact.set(field, nullableText(field, value));
            case "channel" -> contact.set(field, channel(value, fields));
            case "tags" -> contact.set(field, tags(value));
            case "company" -> contact.set(field, company(value));
            case "email", "phone" -> contact.set(field, contactPoints(field, value));
            case "customFields" -> contact.set(field, customFields((ArrayNode) contact.get("customFields"), value, fields));
            default -> throw new IllegalStateException("unhandled contact field " + field);
        }
    }

    private static JsonNode nullableText(String field, JsonNode value) {
        if (value.isNull() || value.isTextual()) {
            return value;
        }
        throw ApiError.unprocessable("'" + field + "' must be a string or null, not " + value + ".");
    }

    private static JsonNode channel(JsonNode value, FieldDefinitions fields) {
        JsonNode text = nullableText("channel", value);
        FieldDefinitions.Field channel = fields.get("channel");
        if (text.isTextual() && channel != null && !channel.options().isEmpty()
                && !channel.options().contains(text.asText())) {
            throw ApiError.unprocessable("'channel' is '" + text.asText() + "', which is not a channel of this account;"
                    + " expected one of " + channel.options() + ".");
        }
        return text;
    }

    private ArrayNode tags(JsonNode value) {
        if (!value.isArray()) {
            throw ApiError.unprocessable("'tags' must be an array of tag names, not " + value + ".");
        }
        ArrayNode tags = NODES.arrayNode();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || tag.asText().isBlank()) {
                throw ApiError.unprocessable("'tags' must hold tag names (non-empty strings), not " + tag + ".");
            }
            if (seen.add(tag.asText())) {
                tags.addObject().put("id", store.tagId(tag.asText())).put("name", tag.asText());
            }
        }
        return tags;
    }

    private JsonNode company(JsonNode value) {
        if (value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return NODES.nullNode();
        }
        if (!value.isTextual()) {
            throw ApiError.unprocessable("'company' must be the company's name (a string) or null, not " + value + ".");
        }
        return store.company(value.asText());
    }

    private static ArrayNode contactPoints(String field, JsonNode value) {
        if (!value.isArray()) {
            throw ApiError.unprocessable("'" + field + "' must be an array of {" + field + ", isPrimary} objects, not "
                    + value + ".");
        }
        ArrayNode points = NODES.arrayNode();
        int primaries = 0;
        for (JsonNode item : value) {
            JsonNode text = item.get(field);
            if (!item.isObject() || text == null || !text.isTextual()) {
                throw ApiError.unprocessable("Each '" + field + "' entry must be {\"" + field
                        + "\": string, \"isPrimary\": boolean}, not " + item + ".");
            }
            String address = text.asText();
            String problem = field.equals("email") ? ContactPointChecks.emailProblem(address)
                    : ContactPointChecks.phoneProblem(address);
            if (problem != null) {
                throw ApiError.unprocessable("'" + address + "' is not a valid " + field
                        + (field.equals("email") ? " address: " : " number: ") + problem + ".");
            }
            JsonNode primary = item.get("isPrimary");
            if (primary != null && !primary.isBoolean() && !primary.isNull()) {
                throw ApiError.unprocessable("'isPrimary' of " + field + " '" + address + "' must be true or false, not "
                        + primary + ".");
            }
            boolean isPrimary = primary != null && primary.asBoolean();
            primaries += isPrimary ? 1 : 0;
            points.addObject().put(field, address).put("isPrimary", isPrimary);
        }
        if (primaries > 1) {
            throw ApiError.unprocessable("Only one " + field + " may have isPrimary true; " + primaries + " do.");
        }
        return points;
    }

    private static ArrayNode customFields(ArrayNode current, JsonNode value, FieldDefinitions fields) {
        if (!value.isObject()) {
            throw ApiError.unprocessable("'customFields' must be an object keyed by custom field system name (cf_...),"
                    + " not " + value + ".");
        }
        Map<String, JsonNode> merged = new java.util.LinkedHashMap<>();
        if (current != null) {
            for (JsonNode entry : current) {
                merged.put(entry.path("system_name").asText(), entry);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            FieldDefinitions.Field field = fields.get(entry.getKey());
            if (field == null || field.isDefault()) {
                throw ApiError.unprocessable("Unknown custom field '" + entry.getKey() + "'; this account's custom fields"
                        + " are " + fields.customFieldNames() + " (see /contacts/fields).");
            }
            if (field.isArchived()) {
                throw ApiError.unprocessable("Custom field '" + entry.getKey() + "' is archived and cannot be written.");
            }
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
                continue;
            }
            ObjectNode stored = NODES.objectNode();
            stored.put("system_name", field.systemName());
            stored.put("display_name", field.displayName());
            stored.put("type", field.type());
            stored.set("value", checkedValue(field, entry.getValue()));
            merged.put(entry.getKey(), stored);
        }
        ArrayNode result = NODES.arrayNode();
        merged.values().forEach(result::add);
        return result;
    }

    private static JsonNode checkedValue(FieldDefinitions.Field field, JsonNode value) {
        String name = field.systemName();
        switch (field.type()) {
            case "number" -> {
                if (value.isNumber()) {
                    return value;
                }
                if (value.isTextual()) {
                    try {
                        new BigDecimal(value.asText().trim());
                        return value;
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
                throw ApiError.unprocessable("Custom field '" + name + "' is a number; '" + value.asText() + "' is not one.");
            }
            case "date" -> {
                if (value.isTextual() && isIsoDate(value.asText())) {
                    return value;
                }
                throw ApiError.unprocessable("Custom field '" + name + "' is a date; '" + value.asText()
                        + "' is not an ISO-8601 date (expected e.g. 2024-03-15 or 2024-03-15T09:30:00Z).");
            }
            case "select" -> {
                if (value.isTextual() && field.options().contains(value.asText())) {
                    return value;
                }
                throw ApiError.unprocessable("Custom field '" + name + "' is a select; '" + value.asText()
                        + "' is not one of its options " + field.options() + ".");
            }
            default -> {
                if (value.isTextual()) {
                    return value;
                }
                throw ApiError.unprocessable("Custom field '" + name + "' is text; send a string, not " + value + ".");
            }
        }
    }

    private static boolean isIsoDate(String text) {
        for (java.util.function.Consumer<String> parser : List.<java.util.function.Consumer<String>>of(
                LocalDate::parse, OffsetDateTime::parse, Instant::parse)) {
            try {
                parser.accept(text);
                return true;
            } catch (DateTimeParseException e) {
                // try the next ISO form
            }
        }
        return false;
    }

    static ObjectNode emptyContact(String id) {
        ObjectNode contact = NODES.objectNode();
        contact.put("id", id);
        contact.putNull("name");
        contact.putNull("address");
        contact.putNull("channel");
        contact.putNull("notes");
        contact.putNull("avatar_url");
        contact.putArray("tags");
        contact.putNull("company");
        contact.putArray("email");
        contact.putArray("phone");
        contact.putArray("customFields");
        return contact;
    }

    /** Read-shape field order, with any extra stored fields kept after the documented ones. */
    private static ObjectNode ordered(ObjectNode contact) {
        ObjectNode ordered = NODES.objectNode();
        for (String field : READ_ORDER) {
            if (contact.has(field)) {
                ordered.set(field, contact.get(field));
            }
        }
        List<String> rest = new ArrayList<>();
        contact.fieldNames().forEachRemaining(rest::add);
        for (String field : rest) {
            if (!ordered.has(field)) {
                ordered.set(field, contact.get(field));
            }
        }
        return ordered;
    }
}
