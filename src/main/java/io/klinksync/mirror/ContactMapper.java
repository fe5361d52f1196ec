package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.klinksync.mirror.RecordValues.bool;
import static io.klinksync.mirror.RecordValues.text;

/**
 * A contact in the read shape: emails, phones, tags and custom field values become child rows, and the
 * embedded company becomes a shared companies row referenced by company_id. The write shapes (tags as
 * names, company as a name, customFields as an object) are tolerated too.
 */
public final class ContactMapper implements RecordMapper {

    public static final String STREAM = "contacts";
    public static final MirrorTable CONTACTS = MirrorTable.of("contacts", List.of("id"),
            Column.text("id"), Column.text("name"), Column.text("address"), Column.text("channel"), Column.text("notes"),
            Column.text("avatar_url"), Column.text("company_id"));
    public static final MirrorTable CONTACT_EMAILS = MirrorTable.of("contact_emails", List.of("contact_id", "email"),
            Column.text("contact_id"), Column.text("email"), Column.bool("is_primary"), Column.integer("position"));
    public static final MirrorTable CONTACT_PHONES = MirrorTable.of("contact_phones", List.of("contact_id", "phone"),
            Column.text("contact_id"), Column.text("phone"), Column.bool("is_primary"), Column.integer("position"));
    public static final MirrorTable CONTACT_TAGS = MirrorTable.of("contact_tags", List.of("contact_id", "tag_id"),
            Column.text("contact_id"), Column.text("tag_id"), Column.text("tag_name"));
    public static final MirrorTable CONTACT_CUSTOM_FIELD_VALUES = MirrorTable.of("contact_custom_field_values",
            List.of("contact_id", "system_name"), Column.text("contact_id"), Column.text("system_name"),
            Column.text("display_name"), Column.text("type"), Column.text("value"));
    public static final MirrorTable COMPANIES = MirrorTable.of("companies", List.of("id"),
            Column.text("id"), Column.text("name"), Column.text("phone"), Column.text("address"), Column.text("industry"));

    @Override
    public MappedRecord map(JsonNode r) {
        String id = RecordValues.id(STREAM, r);
        JsonNode company = r.path("company");
        String companyId = company.isObject() ? text(company, "id") : null;
        Object[] row = {id, text(r, "name"), text(r, "address"), text(r, "channel"), text(r, "notes"),
                text(r, "avatar_url"), companyId};

        Map<MirrorTable, List<Object[]>> children = new LinkedHashMap<>();
        children.put(CONTACT_EMAILS, addresses(id, r.path("email"), "email"));
        children.put(CONTACT_PHONES, addresses(id, r.path("phone"), "phone"));
        children.put(CONTACT_TAGS, tags(id, r.path("tags")));
        children.put(CONTACT_CUSTOM_FIELD_VALUES, customFields(id, r.path("customFields")));

        Map<MirrorTable, List<Object[]>> shared = companyId == null ? Map.of()
                : Map.of(COMPANIES, List.<Object[]>of(new Object[]{companyId, text(company, "name"), text(company, "phone"),
                text(company, "address"), text(company, "industry")}));
        return MappedRecord.of(r, id, row, children, shared);
    }

    /** email / phone arrays of {email|phone, isPrimary}; a bare string is accepted as a non-primary entry. */
    private static List<Object[]> addresses(String contactId, JsonNode entries, String field) {
        UniqueRows rows = new UniqueRows();
        int position = 0;
        for (JsonNode entry : entries) {
            String value = entry.isObject() ? text(entry, field) : text(entry);
            Boolean primary = entry.isObject() ? bool(entry, "isPrimary") : null;
            if (value != null) {
                rows.add(value, contactId, value, primary, position++);
            }
        }
        return rows.list();
    }

    private static List<Object[]> tags(String contactId, JsonNode tags) {
        UniqueRows rows = new UniqueRows();
        for (JsonNode tag : tags) {
            String name = tag.isObject() ? text(tag, "name") : text(tag);
            String tagId = tag.isObject() && text(tag, "id") != null ? text(tag, "id") : name;
            rows.add(tagId, contactId, tagId, name);
        }
        return rows.list();
    }

    private static List<Object[]> customFields(String contactId, JsonNode fields) {
        UniqueRows rows = new UniqueRows();
        if (fields.isObject()) {
            fields.fields().forEachRemaining(e -> rows.add(e.getKey(), contactId, e.getKey(), null, null, text(e.getValue())));
        } else {
            for (JsonNode field : fields) {
                String systemName = text(field, "system_name");
                rows.add(systemName, contactId, systemName, text(field, "display_name"), text(field, "type"),
                        text(field, "value"));
            }
        }
        return rows.list();
    }
}
