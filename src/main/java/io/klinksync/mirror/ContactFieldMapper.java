package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.streams.StreamDeclaration;

import java.util.Map;

import static io.klinksync.mirror.RecordValues.bool;
import static io.klinksync.mirror.RecordValues.text;

/** A contact field definition and its select options (in API order). */
public final class ContactFieldMapper implements RecordMapper {

    private final String stream;
    private final MirrorTable optionTable;

    /** The tables are the declaration's (config/streams/contact_fields.stream.yaml); rows follow their column order. */
    public ContactFieldMapper(StreamDeclaration declared) {
        this.stream = declared.name();
        this.optionTable = StreamTables.table(declared, "contact_field_options");
    }

    @Override
    public String id(JsonNode r) {
        return RecordValues.id(stream, r);
    }

    @Override
    public Rows rows(JsonNode r, String id) {
        Object[] row = {id, text(r, "system_name"), text(r, "display_name"), text(r, "type"), bool(r, "is_default"),
                bool(r, "is_archived"), bool(r, "is_required"), bool(r, "is_unique")};
        UniqueRows options = new UniqueRows();
        int position = 0;
        for (JsonNode option : r.path("options")) {
            String value = option.isObject() ? text(option, "value") : text(option);
            String label = option.isObject() ? text(option, "label") : value;
            Boolean isDefault = option.isObject() ? bool(option, "is_default") : null;
            options.add(value, id, value, label, isDefault, position++);
        }
        return new Rows(row, Map.of(optionTable, options.list()));
    }
}
