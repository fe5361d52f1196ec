package io.klinksync.mirror;

import java.util.Locale;

/** What a complete pass does with rows the API no longer returns (sync.delete-mode). */
public enum DeleteMode {
    /** Keep the row and its children, set deleted_at; a record that comes back clears it. */
    SOFT,
    /** Remove the row and its children. */
    HARD;

    public static DeleteMode parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "soft" -> SOFT;
            case "hard" -> HARD;
            default -> throw new MirrorException("Setting 'sync.delete-mode' is '" + value + "'; use soft (set deleted_at)"
                    + " or hard (delete the rows).");
        };
    }
}
