package io.klinksync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** One request as the sandbox's handlers see it: the path below the base path, decoded query, body text. */
record SandboxRequest(String method, String path, String relativePath, String rawQuery,
                      Map<String, List<String>> params, Map<String, String> headers, String body) {

    String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A whole-number query parameter at least min, or the default when absent. */
    int intParam(String name, int fallback, int min) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Query parameter '" + name + "' must be a whole number, not '" + value + "'.");
        }
        if (parsed < min) {
            throw ApiError.badRequest("Query parameter '" + name + "' must be at least " + min + ", not " + parsed + ".");
        }
        return parsed;
    }

    /** true/false query parameter, or null when absent. */
    Boolean booleanParam(String name) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.badRequest("Query parameter '" + name + "' must be true or false, not '" + value + "'.");
        };
    }

    /** The body as a JSON object: 400 when it is missing, not JSON, or not an object. */
    ObjectNode jsonObject() {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("The request body is empty; send a JSON object with Content-Type: application/json.");
        }
        JsonNode node;
        try {
            node = SandboxResponse.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : "") + ".");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("The request body must be a JSON object, not " + (node == null ? "nothing" : node.getNodeType()) + ".");
        }
        return (ObjectNode) node;
    }
}
