package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converts between the contact's read shape (tags as objects, company as object, customFields as an array) and
 * its write shape (tag names, company name, customFields keyed by system name), the CSV cells, and compares
 * values the way an update must: tags as a set, numbers by value, null / "" / [] all meaning "empty".
 */
public final class ContactShape {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Key prefix for custom field values in a write-shape map, e.g. customFields.cf_sector. */
    public static final String CUSTOM_KEY = "customFields.";

    private ContactShape() {
    }

    /** The contact's values in write shape, keyed by API field (custom fields as customFields.SYSTEM_NAME). */
    public static Map<String, JsonNode> writeValues(JsonNode contact) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("name", text(contact.get("name")));
        values.put("email", entries(contact.path("email"), "email"));
        values.put("phone", entries(contact.path("phone"), "phone"));
        for (String f : List.of("address", "channel", "notes", "avatar_url")) {
            values.put(f, text(contact.get(f)));
        }
        JsonNode company = contact.get("company");
        values.put("company", company == null || company.isNull() ? NullNode.instance
                : company.isObject() ? text(company.get("name")) : text(company));
        ArrayNode tags = JSON.arrayNode();
        for (JsonNode t : contact.path("tags")) {
            tags.add(t.isObject() ? t.path("name").asText() : t.asText());
        }
        values.put("tags", tags);
        JsonNode custom = contact.path("customFields");
        if (custom.isArray()) {
            for (JsonNode f : custom) {
                values.put(CUSTOM_KEY + f.path("system_name").asText(), f.path("value"));
            }
        } else if (custom.isObject()) {
            custom.fields().forEachRemaining(e -> values.put(CUSTOM_KEY + e.getKey(), e.getValue()));
        }
        return values;
    }

    private static JsonNode text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? NullNode.instance : JSON.textNode(node.asText());
    }

    private static ArrayNode entries(JsonNode array, String key) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode e : array) {
            out.addObject().put(key, e.path(key).asText()).put("isPrimary", e.path("isPrimary").asBoolean(false));
        }
        return out;
    }

    public static ArrayNode entriesNode(List<MultiValue.Entry> entries, String key) {
        ArrayNode out = JSON.arrayNode();
        for (MultiValue.Entry e : entries) {
            out.addObject().put(key, e.value()).put("isPrimary", e.primary());
        }
        return out;
    }

    public static boolean isEmpty(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.asText().isEmpty())
                || ((v.isArray() || v.isObject()) && v.isEmpty());
    }

    /** Whether writing {@code wanted} over {@code current} would change nothing. */
    public static boolean same(String key, JsonNode current, JsonNode wanted) {
        if (isEmpty(current) || isEmpty(wanted)) {
            return isEmpty(current) && isEmpty(wanted);
        }
        if (key.equals("tags")) {
            return names(current).equals(names(wanted));
        }
        if (current.isNumber() || wanted.isNumber()) {
            try {
                return new BigDecimal(current.asText()).compareTo(new BigDecimal(wanted.asText())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (current.isValueNode() && wanted.isValueNode()) {
            return current.asText().equals(wanted.asText());
        }
        return current.equals(wanted);
    }

    private static TreeSet<String> names(JsonNode array) {
        TreeSet<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** A value as one CSV cell (before the formula guard). */
    public static String cell(JsonNode value, MultiValue multiValue) {
        if (isEmpty(value)) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.isValueNode() ? v.asText() : v.toString()));
            return multiValue.join(parts);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The contact (read shape) as the cells of our format, keyed by column. */
    public static Map<String, String> cells(JsonNode contact, List<ContactField> customFields, MultiValue multiValue) {
        Map<String, JsonNode> values = writeValues(contact);
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put(ContactColumns.ID, contact.path("id").asText(""));
        cells.put(ContactColumns.NAME, cell(values.get("name"), multiValue));
        cells.put(ContactColumns.EMAILS, multiValue.joinEntries(entryList(values.get("email"), "email")));
        cells.put(ContactColumns.PHONES, multiValue.joinEntries(entryList(values.get("phone"), "phone")));
        for (String f : List.of(ContactColumns.ADDRESS, ContactColumns.CHANNEL, ContactColumns.NOTES,
                ContactColumns.AVATAR_URL, ContactColumns.COMPANY, ContactColumns.TAGS)) {
            cells.put(f, cell(values.get(f), multiValue));
        }
        for (ContactField f : customFields) {
            cells.put(f.column(), cell(values.get(CUSTOM_KEY + f.systemName()), multiValue));
        }
        return cells;
    }

    private static List<MultiValue.Entry> entryList(JsonNode array, String key) {
        List<MultiValue.Entry> list = new ArrayList<>();
        array.forEach(e -> list.add(new MultiValue.Entry(e.path(key).asText(), e.path("isPrimary").asBoolean())));
        return list;
    }

    /** An empty object node, for request bodies. */
    public static ObjectNode object() {
        return JSON.objectNode();
    }
}
