package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * A record the mirror could not store: its id (null when it had no usable one), why, and its canonical JSON,
 * in which a NUL is escaped already, so every mirror can store it.
 */
record Reject(String recordId, String reason, String rawJson) {

    static Reject of(MappedRecord record, String reason) {
        return new Reject(record.id(), reason, record.rawJson());
    }

    static Reject withoutId(JsonNode record, String reason) {
        return new Reject(null, reason, new String(CanonicalJson.canonicalBytes(record), StandardCharsets.UTF_8));
    }
}
