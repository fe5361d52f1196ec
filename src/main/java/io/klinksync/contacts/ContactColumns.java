package io.klinksync.contacts;

import java.util.List;
import java.util.Set;

/**
 * The one contacts CSV layout that export writes and import reads: fixed columns, then one column per
 * custom field named cf_SYSTEM_NAME (a system name that already starts with cf_ keeps its name).
 */
public final class ContactColumns {

    public static final String ID = "id";
    public static final String NAME = "name";
    public static final String EMAILS = "emails";
    public static final String PHONES = "phones";
    public static final String ADDRESS = "address";
    public static final String CHANNEL = "channel";
    public static final String NOTES = "notes";
    public static final String AVATAR_URL = "avatar_url";
    public static final String COMPANY = "company";
    public static final String TAGS = "tags";

    public static final List<String> FIXED =
            List.of(ID, NAME, EMAILS, PHONES, ADDRESS, CHANNEL, NOTES, AVATAR_URL, COMPANY, TAGS);

    /** Prefix of custom field columns, and of custom field system names on the API side. */
    public static final String CUSTOM_PREFIX = "cf_";

    /** Columns holding several values joined by csv.multi-value-separator. */
    public static final Set<String> MULTI_VALUED = Set.of(EMAILS, PHONES, TAGS);

    private ContactColumns() {
    }

    public static String customColumn(String systemName) {
        return systemName.startsWith(CUSTOM_PREFIX) ? systemName : CUSTOM_PREFIX + systemName;
    }

    public static boolean isCustom(String column) {
        return column.startsWith(CUSTOM_PREFIX);
    }

    /** The API field (as named in specific_update_fields and write bodies) a fixed column writes. */
    public static String apiField(String column) {
        return switch (column) {
            case EMAILS -> "email";
            case PHONES -> "phone";
            default -> column;
        };
    }

    /** The fixed column a standard API field (of /contacts/fields) is read from, or null for custom fields. */
    public static String columnOfStandardField(String systemName) {
        return switch (systemName) {
            case "email" -> EMAILS;
            case "phone" -> PHONES;
            case "username", NAME -> NAME;
            case ADDRESS, CHANNEL, NOTES, AVATAR_URL, COMPANY, TAGS -> systemName;
            default -> null;
        };
    }
}
