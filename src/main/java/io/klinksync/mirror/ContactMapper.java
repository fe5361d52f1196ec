package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.streams.StreamDeclaration;

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

    private final String stream;
    private final MirrorTable emails;
    private final MirrorTable phones;
    private final MirrorTable tags;
    private final MirrorTable customFieldValues;
    private final MirrorTable companies;

    /** The tables are the declaration's (config/streams/contacts.stream.yaml); the rows follow their column order. */
    public ContactMapper(StreamDeclaration declared) {
        this.stream = declared.name();
        this.emails = StreamTables.table(declared, "contact_emails");
        this.phones = StreamTables.table(declared, "contact_phones");
        this.tags = StreamTables.table(declared, "contact_tags");
        this.customFieldValues = StreamTables.table(declared, "contact_custom_field_values");
        this.companies = StreamTables.table(declared, "companies");
    }

    @Override
    public String id(JsonNode r) {
        return RecordValues.id(stream, r);
    }

    @Override
    public Map<MirrorTable, List<Object[]>> shared(JsonNode r) {
        JsonNode company = r.path("company");
        String companyId = companyId(company);
        return companyId == null ? Map.of()
                : Map.of(companies, List.<Object[]>of(new Object[]{companyId, text(company, "name"), text(company, "phone"),
                text(company, "address"), text(company, "industry")}));
    }

    @Override
    public Rows rows(JsonNode r, String id) {
        Object[] row = {id, text(r, "name"), text(r, "address"), text(r, "channel"), text(r, "notes"),
                text(r, "avatar_url"), companyId(r.path("company"))};
        Map<MirrorTable, List<Object[]>> children = new LinkedHashMap<>();
        children.put(emails, addresses(id, r.path("email"), "email"));
        children.put(phones, addresses(id, r.path("phone"), "phone"));
        children.put(tags, tags(id, r.path("tags")));
        children.put(customFieldValues, customFields(id, r.path("customFields")));
        return new Rows(row, children);
    }

    private static String companyId(JsonNode company) {
        return company.isObject() ? text(company, "id") : null;
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
