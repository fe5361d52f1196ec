package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment's contact fields keyed by CSV column, read from the mirror's contact_fields or live from
 * /contacts/fields. Import validates against it; export takes its custom field columns from it.
 */
public final class ContactFieldCatalog {

    private final Map<String, ContactField> byColumn = new LinkedHashMap<>();

    public ContactFieldCatalog(Collection<ContactField> fields) {
        for (ContactField f : fields) {
            byColumn.putIfAbsent(f.column(), f);
        }
    }

    /** From records shaped like the /contacts/fields data array (the mirror keeps them as raw_json). */
    public static ContactFieldCatalog fromJson(Iterable<JsonNode> records) {
        List<ContactField> fields = new java.util.ArrayList<>();
        for (JsonNode r : records) {
            fields.add(fieldFromJson(r));
        }
        return new ContactFieldCatalog(fields);
    }

    public static ContactField fieldFromJson(JsonNode r) {
        Set<String> options = new LinkedHashSet<>();
        for (JsonNode o : r.path("options")) {
            options.add(o.isTextual() ? o.asText() : o.path("value").asText());
        }
        return new ContactField(r.path("system_name").asText(), r.path("display_name").asText(null),
                r.path("type").asText("text"), r.path("is_required").asBoolean(false),
                r.path("is_archived").asBoolean(false), options);
    }

    public Optional<ContactField> byColumn(String column) {
        return Optional.ofNullable(byColumn.get(column));
    }

    public Collection<ContactField> all() {
        return byColumn.values();
    }

    /** Custom fields in catalog order: the export's cf_* columns. */
    public List<ContactField> customFields() {
        return byColumn.values().stream().filter(ContactField::isCustom).toList();
    }

    /** A column import understands: a fixed column, or the column of a known custom field. */
    public boolean knows(String column) {
        return ContactColumns.FIXED.contains(column) || byColumn.containsKey(column);
    }

    /** The write-shape key of a column: name, email, phone, ..., customFields.SYSTEM_NAME. */
    public String writeKey(String column) {
        if (ContactColumns.FIXED.contains(column)) {
            return ContactColumns.apiField(column);
        }
        return ContactShape.CUSTOM_KEY + byColumn(column).map(ContactField::systemName).orElse(column);
    }

    public boolean isEmpty() {
        return byColumn.isEmpty();
    }
}
