package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Set;

/** Type checks for write bodies, answering 422 with the field, the expectation and the value received. */
final class FieldChecks {

    private FieldChecks() {
    }

    static void onlyKnown(ObjectNode body, Set<String> writable, Set<String> ignored, String what) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!writable.contains(name) && !ignored.contains(name)) {
                throw ApiError.unprocessable("Unknown field '" + name + "' in a " + what + "; expected some of "
                        + writable + ".");
            }
        }
    }

    static JsonNode nonBlankText(String field, JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiError.unprocessable("'" + field + "' must be a non-empty string, not " + value + ".");
        }
        return value;
    }

    static JsonNode nullableText(String field, JsonNode value) {
        if (value.isNull() || value.isTextual()) {
            return value;
        }
        throw ApiError.unprocessable("'" + field + "' must be a string or null, not " + value + ".");
    }

    static JsonNode bool(String field, JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        throw ApiError.unprocessable("'" + field + "' must be true or false, not " + value + ".");
    }

    static JsonNode nullableTimestamp(String field, JsonNode value) {
        if (value.isNull() || value.isIntegralNumber()) {
            return value;
        }
        throw ApiError.unprocessable("'" + field + "' must be a Unix timestamp in seconds (e.g. 692233200) or null, not "
                + value + ".");
    }
}
