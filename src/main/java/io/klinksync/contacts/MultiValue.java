package io.klinksync.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cell syntax of emails, phones and tags: values joined by csv.multi-value-separator (default |); a leading
 * '*' marks the primary email or phone. A cell without any '*' has no primary value (as the API allows).
 */
public final class MultiValue {

    public static final String PRIMARY_MARK = "*";

    /** One email or phone with its primary flag. */
    public record Entry(String value, boolean primary) {
    }

    private final String separator;

    public MultiValue(String separator) {
        if (separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("csv.multi-value-separator must not be empty");
        }
        this.separator = separator;
    }

    public String separator() {
        return separator;
    }

    public List<String> split(String cell) {
        List<String> values = new ArrayList<>();
        if (cell == null || cell.isEmpty()) {
            return values;
        }
        for (String part : cell.split(Pattern.quote(separator), -1)) {
            // Tags keep their exact bytes; only empty parts (e.g. a trailing separator) are dropped.
            if (!part.isEmpty()) {
                values.add(part);
            }
        }
        return values;
    }

    public List<Entry> entries(String cell) {
        List<Entry> entries = new ArrayList<>();
        for (String part : split(cell)) {
            // Surrounding spaces carry no meaning in an email or phone number.
            String value = part.strip();
            boolean primary = value.startsWith(PRIMARY_MARK);
            if (primary) {
                value = value.substring(1).strip();
            }
            if (!value.isEmpty()) {
                entries.add(new Entry(value, primary));
            }
        }
        return entries;
    }

    public String join(List<String> values) {
        return String.join(separator, values);
    }

    public String joinEntries(List<Entry> entries) {
        List<String> parts = new ArrayList<>();
        for (Entry e : entries) {
            parts.add(e.primary() ? PRIMARY_MARK + e.value() : e.value());
        }
        return join(parts);
    }

    /** The primary entry's value, or the first value when none is marked (used as a match key). */
    public static String primaryOrFirst(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.primary()) {
                return e.value();
            }
        }
        return entries.isEmpty() ? null : entries.get(0).value();
    }
}
