package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's data: one {@link RecordTable} per stream, plus the tags and companies that contact writes refer
 * to by name. Tests use it to set up and inspect state directly, without going through HTTP.
 */
public final class SandboxStore {

    public static final String CONVERSATIONS = "conversations";
    public static final String GROUPS = "groups";
    public static final String CONTACTS = "contacts";
    public static final String CONTACT_GROUPS = "contact_groups";
    public static final String CONTACT_FIELDS = "contact_fields";

    private final Map<String, RecordTable> tables = new LinkedHashMap<>();
    private final Map<String, String> tagIds = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> companies = new ConcurrentHashMap<>();
    private volatile FieldDefinitions fields;
    private volatile long fieldsVersion = -1;

    SandboxStore() {
        for (String stream : new String[]{CONVERSATIONS, GROUPS, CONTACTS, CONTACT_GROUPS, CONTACT_FIELDS}) {
            tables.put(stream, new RecordTable(stream));
        }
    }

    /** The table of a stream: conversations, groups, contacts, contact_groups or contact_fields. */
    public RecordTable table(String stream) {
        RecordTable table = tables.get(stream);
        if (table == null) {
            throw new IllegalArgumentException("The sandbox has no stream '" + stream + "'; it has " + tables.keySet() + ".");
        }
        return table;
    }

    public RecordTable conversations() {
        return table(CONVERSATIONS);
    }

    public RecordTable groups() {
        return table(GROUPS);
    }

    public RecordTable contacts() {
        return table(CONTACTS);
    }

    public RecordTable contactGroups() {
        return table(CONTACT_GROUPS);
    }

    public RecordTable contactFields() {
        return table(CONTACT_FIELDS);
    }

    /** Tag names known so far (from seed data, synthetic records and contact writes) with their ids. */
    public Map<String, String> tags() {
        return Map.copyOf(tagIds);
    }

    /** The id of a tag, created when the name is new (as the API does on contact writes). */
    String tagId(String name) {
        return tagIds.computeIfAbsent(name, n -> stableId("tag", n));
    }

    void registerTag(String name, String id) {
        tagIds.putIfAbsent(name, id);
    }

    /** The company object for a name, created (with null details) when the name is new. */
    ObjectNode company(String name) {
        return companies.computeIfAbsent(name, n -> {
            ObjectNode company = SandboxResponse.JSON.createObjectNode();
            company.put("id", stableId("company", n));
            company.put("name", n);
            company.putNull("phone");
            company.putNull("address");
            company.putNull("industry");
            return company;
        }).deepCopy();
    }

    void registerCompany(JsonNode company) {
        if (company != null && company.isObject() && company.hasNonNull("name")) {
            companies.putIfAbsent(company.get("name").asText(), (ObjectNode) company.deepCopy());
        }
    }

    /** The contact field definitions as they are now (re-read after the contact_fields table changes). */
    FieldDefinitions fieldDefinitions() {
        RecordTable table = contactFields();
        long version = table.version();
        FieldDefinitions current = fields;
        if (current == null || fieldsVersion != version) {
            current = FieldDefinitions.from(table);
            fields = current;
            fieldsVersion = version;
        }
        return current;
    }

    /** Ids derived from a name, so the same data always gets the same ids. */
    static String stableId(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
