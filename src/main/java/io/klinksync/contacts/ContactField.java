package io.klinksync.contacts;

import java.util.Set;

/**
 * One entry of /contacts/fields as far as validation needs it: the type, whether a value is required, and the
 * allowed values of select fields. Standard fields (name, email, channel, ...) and custom fields (cf_*) alike.
 */
public record ContactField(String systemName, String displayName, String type, boolean required, boolean archived,
                           Set<String> options) {

    public boolean isSelect() {
        return type != null && (type.equalsIgnoreCase("select") || type.equalsIgnoreCase("dropdown") || isMultiSelect());
    }

    public boolean isMultiSelect() {
        return type != null && (type.equalsIgnoreCase("multiselect") || type.equalsIgnoreCase("multi_select")
                || type.equalsIgnoreCase("multi-select") || type.equalsIgnoreCase("checkbox"));
    }

    public boolean isNumber() {
        return type != null && (type.equalsIgnoreCase("number") || type.equalsIgnoreCase("numeric")
                || type.equalsIgnoreCase("integer") || type.equalsIgnoreCase("decimal"));
    }

    public boolean isDate() {
        return type != null && (type.equalsIgnoreCase("date") || type.equalsIgnoreCase("datetime")
                || type.equalsIgnoreCase("date_time"));
    }

    /** The CSV column holding this field. */
    public String column() {
        String standard = ContactColumns.columnOfStandardField(systemName);
        return standard != null ? standard : ContactColumns.customColumn(systemName);
    }

    public boolean isCustom() {
        return ContactColumns.columnOfStandardField(systemName) == null;
    }
}
