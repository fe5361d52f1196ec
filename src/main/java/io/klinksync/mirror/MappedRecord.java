package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One API record as rows: the parent row (values in the parent table's column order), the rows of each
 * child table (replaced whenever the record changes) and rows of shared tables (upserted by key, never
 * deleted, such as companies).
 */
public record MappedRecord(String id, String contentHash, byte[] rawJsonUtf8, Object[] parent,
                           Map<MirrorTable, List<Object[]>> children, Map<MirrorTable, List<Object[]>> shared) {

    /**
     * raw_json is the record's canonical JSON: one serialization gives both it and the {@link ContentHash}. It stays
     * UTF-8 bytes, which COPY sends as they are; decoding it to a String and back cost a quarter of a sync's
     * allocations.
     */
    static MappedRecord of(JsonNode record, String id, Object[] parent, Map<MirrorTable, List<Object[]>> children,
                           Map<MirrorTable, List<Object[]>> shared) {
        byte[] canonical = CanonicalJson.canonicalBytes(record);
        return new MappedRecord(id, ContentHash.of(canonical), canonical, parent, children, shared);
    }

    /** The rows of the child table called name, or none. */
    public List<Object[]> childRows(String table) {
        for (Map.Entry<MirrorTable, List<Object[]>> entry : children.entrySet()) {
            if (entry.getKey().name().equals(table)) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    /** raw_json as text, for the writers that bind strings. */
    public String rawJson() {
        return new String(rawJsonUtf8, StandardCharsets.UTF_8);
    }
}
