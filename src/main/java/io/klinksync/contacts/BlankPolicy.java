package io.klinksync.contacts;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a blank cell means: keep (leave the field unchanged, the default), clear (send an explicit clear for
 * every column) or clear:notes,address (only the named columns).
 */
public record BlankPolicy(boolean clearAll, Set<String> clearColumns) {

    public static final BlankPolicy KEEP = new BlankPolicy(false, Set.of());

    public static BlankPolicy parse(String text) {
        String value = text == null ? "keep" : text.strip();
        if (value.isEmpty() || value.equals("keep")) {
            return KEEP;
        }
        if (value.equals("clear")) {
            return new BlankPolicy(true, Set.of());
        }
        if (value.startsWith("clear:")) {
            Set<String> columns = Arrays.stream(value.substring("clear:".length()).split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            if (!columns.isEmpty()) {
                return new BlankPolicy(false, columns);
            }
        }
        throw new IllegalArgumentException("Blank cell policy '" + text + "' is not one of keep, clear,"
                + " clear:COLUMN,COLUMN (e.g. clear:notes,address).");
    }

    public boolean clears(String column) {
        return clearAll || clearColumns.contains(column);
    }
}
