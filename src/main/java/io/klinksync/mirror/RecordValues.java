package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads typed values out of an API record, tolerating absent and null fields: epoch seconds (or ISO-8601
 * text) become instants, booleans stay booleans, and text is kept byte for byte (no trimming).
 */
final class RecordValues {

    private RecordValues() {
    }

    /** The record's id; a record without one cannot be mirrored, so that is an error naming the stream. */
    static String id(String stream, JsonNode record) {
        return id(stream, record, record, "id");
    }

    /** The record's id from field of container (the record itself, or an object nested in it). */
    static String id(String stream, JsonNode record, JsonNode container, String field) {
        String id = text(container, field);
        if (id == null || id.isEmpty()) {
            throw new MirrorException("A " + stream + " record has no id, so it cannot be mirrored: " + abbreviate(record)
                    + ". Check the deployment profile's path for " + stream + ".");
        }
        return id;
    }

    static String text(JsonNode record, String field) {
        JsonNode value = record == null ? null : record.get(field);
        return text(value);
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static Boolean bool(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.asInt() != 0;
        }
        String text = value.asText().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        return null;
    }

    static Instant instant(String stream, JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MirrorException("Field '" + field + "' of " + stream + " record " + text(record, "id") + " is '" + text
                    + "', expected a timestamp in epoch seconds (or ISO-8601 with an offset).", e);
        }
    }

    /** A whole number (or its digits as text); a fraction or other text is an error naming the field. */
    static Long integer(String stream, JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (value.isTextual()) {
                return Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MirrorException("Field '" + field + "' of " + stream + " record " + text(record, "id") + " is '" + text
                + "', expected a whole number.");
    }

    private static String abbreviate(JsonNode record) {
        String json = String.valueOf(record);
        int limit = 200;
        return json.length() <= limit ? json : json.substring(0, limit) + "...";
    }
}
