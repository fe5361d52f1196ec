package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.klinksync.mirror.RecordValues.bool;
import static io.klinksync.mirror.RecordValues.text;

/** A contact field definition and its select options (in API order). */
public final class ContactFieldMapper implements RecordMapper {

    public static final String STREAM = "contact_fields";
    public static final MirrorTable CONTACT_FIELDS = MirrorTable.of("contact_fields", List.of("id"),
            Column.text("id"), Column.text("system_name"), Column.text("display_name"), Column.text("type"),
            Column.bool("is_default"), Column.bool("is_archived"), Column.bool("is_required"), Column.bool("is_unique"));
    public static final MirrorTable CONTACT_FIELD_OPTIONS = MirrorTable.of("contact_field_options", List.of("field_id", "value"),
            Column.text("field_id"), Column.text("value"), Column.text("label"), Column.bool("is_default"),
            Column.integer("position"));

    @Override
    public MappedRecord map(JsonNode r) {
        String id = RecordValues.id(STREAM, r);
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
        return MappedRecord.of(r, id, row,
                Map.of(CONTACT_FIELD_OPTIONS, options.list()), Map.of());
    }
}
