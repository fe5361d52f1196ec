package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.klinksync.mirror.RecordValues.bool;
import static io.klinksync.mirror.RecordValues.text;

/** A contact group (the ids a contact can be filed under) is one flat row. */
public final class ContactGroupMapper implements RecordMapper {

    public static final String STREAM = "contact_groups";
    public static final MirrorTable CONTACT_GROUPS = MirrorTable.of("contact_groups", List.of("id"),
            Column.text("id"), Column.text("value"), Column.text("label"), Column.bool("is_default"));

    @Override
    public MappedRecord map(JsonNode r) {
        String id = RecordValues.id(STREAM, r);
        Object[] row = {id, text(r, "value"), text(r, "label"), bool(r, "is_default")};
        return MappedRecord.of(r, id, row, Map.of(), Map.of());
    }
}
