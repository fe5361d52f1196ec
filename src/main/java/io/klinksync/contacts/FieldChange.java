package io.klinksync.contacts;

/** One field an update changes, old and new value as they would appear in a CSV cell. */
public record FieldChange(String field, String oldValue, String newValue) {

    @Override
    public String toString() {
        return field + ": '" + oldValue + "' -> '" + newValue + "'";
    }
}
