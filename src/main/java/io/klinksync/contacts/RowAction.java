package io.klinksync.contacts;

/** What the import does with one row. */
public enum RowAction {
    CREATE, UPDATE, UNCHANGED, INVALID;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RowAction of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
