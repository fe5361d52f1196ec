package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * A record the mirror could not store: its id (null when it had no usable one), why, and its canonical JSON.
 * The text is kept in a form every mirror can store: the JSON escapes a NUL already, and the id and reason
 * spell it the same way, as the six characters \u0000.
 */
public record Reject(String recordId, String reason, String rawJson) {

    private static final String NUL = "\u0000";
    private static final String ESCAPED_NUL = "\\u0000";

    public Reject {
        recordId = recordId == null ? null : recordId.replace(NUL, ESCAPED_NUL);
        reason = reason.replace(NUL, ESCAPED_NUL);
    }

    static Reject of(MappedRecord record, String reason) {
        return new Reject(record.id(), reason, record.rawJson());
    }

    static Reject withoutId(JsonNode record, String reason) {
        return new Reject(null, reason, new String(CanonicalJson.canonicalBytes(record), StandardCharsets.UTF_8));
    }
}
