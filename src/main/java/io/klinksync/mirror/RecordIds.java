package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a record has an id the mirror can key it by, checked before any SQL. A wrong-typed id (a boolean,
 * an object) is not this check's business: it is a page that lies about its records, told apart earlier.
 */
final class RecordIds {

    private RecordIds() {
    }

    /** Why the record has no usable id, or null when it has one. */
    static String missing(JsonNode record) {
        JsonNode id = record.get("id");
        if (id == null || id.isMissingNode()) {
            return "the record has no id field";
        }
        if (id.isNull()) {
            return "the record's id is null";
        }
        if (id.isTextual() && id.textValue().isBlank()) {
            return "the record's id is blank";
        }
        return null;
    }
}
