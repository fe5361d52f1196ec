package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The contact fields (/contacts/fields) by system name: what contact writes are validated against. */
final class FieldDefinitions {

    /** One field: its type (text, select, number, date, ...) and, for select, the allowed option values. */
    record Field(String systemName, String displayName, String type, boolean isDefault, boolean isArchived,
                 Set<String> options) {
    }

    private final Map<String, Field> fields;

    private FieldDefinitions(Map<String, Field> fields) {
        this.fields = fields;
    }

    static FieldDefinitions from(RecordTable table) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String id : table.ids()) {
            JsonNode node = table.get(id);
            if (node == null) {
                continue;
            }
            Set<String> options = new LinkedHashSet<>();
            for (JsonNode option : node.path("options")) {
                options.add(option.path("value").asText());
            }
            String systemName = node.path("system_name").asText();
            fields.put(systemName, new Field(systemName, node.path("display_name").asText(systemName),
                    node.path("type").asText("text"), node.path("is_default").asBoolean(false),
                    node.path("is_archived").asBoolean(false), options));
        }
        return new FieldDefinitions(fields);
    }

    Field get(String systemName) {
        return fields.get(systemName);
    }

    /** System names of the custom (non-default) fields, for error messages. */
    Set<String> customFieldNames() {
        Set<String> names = new LinkedHashSet<>();
        fields.values().stream().filter(f -> !f.isDefault()).forEach(f -> names.add(f.systemName()));
        return names;
    }
}
