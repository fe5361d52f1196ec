package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan of a candidate once it is matched: the create body, or the update body holding exactly the fields
 * that differ from the mirror (listed in specific_update_fields), or unchanged; with the field-by-field diff.
 * A required field left empty or an archived custom field written makes it invalid instead.
 */
final class ChangePlanner {

    private final ContactFieldCatalog catalog;
    private final MultiValue multiValue;
    private final String createNameField;

    /** createNameField: the field of a create body that holds the name. */
    ChangePlanner(ContactFieldCatalog catalog, MultiValue multiValue, String createNameField) {
        this.catalog = catalog;
        this.multiValue = multiValue;
        this.createNameField = createNameField;
    }

    static RowPlan invalid(ImportCandidate candidate, String matchKey, String contactId) {
        RowRef row = candidate.row();
        return new RowPlan(row.line(), RowAction.INVALID, matchKey, contactId, null, List.of(),
                List.copyOf(candidate.errors()), row.record());
    }

    RowPlan create(ImportCandidate candidate, String matchKey) {
        RowRef row = candidate.row();
        List<RowError> errors = candidate.errors();
        Map<String, JsonNode> values = candidate.values();
        if (ContactShape.isEmpty(values.get("name")) || values.get("name").asText().isBlank()) {
            errors.add(new RowError(row, ContactColumns.NAME, "a new contact needs a name"));
        }
        for (ContactField f : catalog.all()) {
            if (f.required() && !f.archived() && !f.column().equals(ContactColumns.NAME)
                    && ContactShape.isEmpty(values.get(catalog.writeKey(f.column())))) {
                errors.add(new RowError(row, f.column(), "field '" + f.systemName()
                        + "' is required by the deployment's contact fields; give it a value"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(candidate, matchKey, null);
        }
        ObjectNode body = ContactShape.object();
        body.set(createNameField, values.get("name"));
        body.set("email", values.getOrDefault("email", ContactShape.JSON.arrayNode()));
        body.set("phone", values.getOrDefault("phone", ContactShape.JSON.arrayNode()));
        ObjectNode custom = null;
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            String key = e.getKey();
            if (ContactShape.isEmpty(e.getValue())) {
                continue;
            }
            archived(row, key, errors);
            changes.add(new FieldChange(displayField(key), "", display(key, e.getValue())));
            if (key.startsWith(ContactShape.CUSTOM_KEY)) {
                if (custom == null) {
                    custom = body.putObject("customFields");
                }
                custom.set(key.substring(ContactShape.CUSTOM_KEY.length()), e.getValue());
            } else if (!key.equals("name") && !key.equals("email") && !key.equals("phone")) {
                body.set(key, e.getValue());
            }
        }
        if (!errors.isEmpty()) {
            return invalid(candidate, matchKey, null);
        }
        return new RowPlan(row.line(), RowAction.CREATE, matchKey, null, body, changes, List.of(), row.record());
    }

    /** existing: the matched contact as the mirror holds it (read shape). */
    RowPlan update(ImportCandidate candidate, String matchKey, String contactId, JsonNode existing) {
        RowRef row = candidate.row();
        List<RowError> errors = candidate.errors();
        Map<String, JsonNode> wanted = candidate.values();
        Map<String, JsonNode> current = ContactShape.writeValues(existing);
        for (ContactField f : catalog.all()) {
            String key = catalog.writeKey(f.column());
            if (f.required() && !f.archived() && wanted.containsKey(key) && ContactShape.isEmpty(wanted.get(key))) {
                errors.add(new RowError(row, f.column(), "field '" + f.systemName()
                        + "' is required and cannot be cleared; give it a value or leave blanks as keep"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(candidate, matchKey, contactId);
        }
        ObjectNode body = ContactShape.object();
        ArrayNode fields = ContactShape.JSON.arrayNode();
        ObjectNode custom = null;
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : wanted.entrySet()) {
            String key = e.getKey();
            JsonNode old = current.get(key);
            if (ContactShape.same(key, old, e.getValue())) {
                continue;
            }
            archived(row, key, errors);
            changes.add(new FieldChange(displayField(key), display(key, old), display(key, e.getValue())));
            if (key.startsWith(ContactShape.CUSTOM_KEY)) {
                if (custom == null) {
                    // Only the changed custom fields are sent: the API merges the object key by key (null clears
                    // one), and untouched fields (maybe archived, hence not writable) must not be resent.
                    custom = body.putObject("customFields");
                    fields.add("customFields");
                }
                custom.set(key.substring(ContactShape.CUSTOM_KEY.length()), e.getValue());
            } else {
                body.set(key, e.getValue());
                fields.add(key);
            }
        }
        if (!errors.isEmpty()) {
            return invalid(candidate, matchKey, contactId);
        }
        if (changes.isEmpty()) {
            return new RowPlan(row.line(), RowAction.UNCHANGED, matchKey, contactId, null, List.of(), List.of(), row.record());
        }
        body.set("specific_update_fields", fields);
        return new RowPlan(row.line(), RowAction.UPDATE, matchKey, contactId, body, changes, List.of(), row.record());
    }

    /** Archived custom fields are exported but the API refuses writes to them. */
    private void archived(RowRef row, String key, List<RowError> errors) {
        if (!key.startsWith(ContactShape.CUSTOM_KEY)) {
            return;
        }
        String systemName = key.substring(ContactShape.CUSTOM_KEY.length());
        catalog.byColumn(ContactColumns.customColumn(systemName)).filter(ContactField::archived).ifPresent(f ->
                errors.add(new RowError(row, f.column(), "custom field '" + systemName
                        + "' is archived and cannot be written; leave the cell as exported or empty")));
    }

    private static String displayField(String key) {
        return key.startsWith(ContactShape.CUSTOM_KEY) ? ContactColumns.customColumn(key.substring(ContactShape.CUSTOM_KEY.length())) : key;
    }

    /** A value as a CSV cell shows it, for the diff. */
    private String display(String key, JsonNode value) {
        if (ContactShape.isEmpty(value)) {
            return "";
        }
        if (key.equals("email") || key.equals("phone")) {
            List<MultiValue.Entry> entries = new ArrayList<>();
            value.forEach(e -> entries.add(new MultiValue.Entry(e.path(key).asText(), e.path("isPrimary").asBoolean())));
            return multiValue.joinEntries(entries);
        }
        return ContactShape.cell(value, multiValue);
    }
}
