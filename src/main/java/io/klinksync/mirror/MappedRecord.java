package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One API record as rows: the parent row (values in the parent table's column order), the rows of each
 * child table (replaced whenever the record changes) and rows of shared tables (upserted by key, never
 * deleted, such as companies). The parent and child rows are made when first asked for: the writer asks only
 * for those of new and changed records, so a re-sync does not map the records it finds unchanged.
 */
public final class MappedRecord {

    private final String id;
    private final String contentHash;
    private final byte[] rawJsonUtf8;
    private final Map<MirrorTable, List<Object[]>> shared;
    private JsonNode source;
    private RecordMapper mapper;
    private RecordMapper.Rows rows;

    private MappedRecord(String id, String contentHash, byte[] rawJsonUtf8, Map<MirrorTable, List<Object[]>> shared,
                         JsonNode source, RecordMapper mapper) {
        this.id = id;
        this.contentHash = contentHash;
        this.rawJsonUtf8 = rawJsonUtf8;
        this.shared = shared;
        this.source = source;
        this.mapper = mapper;
    }

    /**
     * raw_json is the record's canonical JSON: one serialization gives both it and the {@link ContentHash}. It stays
     * UTF-8 bytes, which COPY sends as they are; decoding it to a String and back cost a quarter of a sync's
     * allocations.
     */
    static MappedRecord of(JsonNode record, RecordMapper mapper) {
        String id = mapper.id(record);
        byte[] canonical = CanonicalJson.canonicalBytes(record);
        return new MappedRecord(id, ContentHash.of(canonical), canonical, mapper.shared(record), record, mapper);
    }

    public String id() {
        return id;
    }

    public String contentHash() {
        return contentHash;
    }

    public byte[] rawJsonUtf8() {
        return rawJsonUtf8;
    }

    public Object[] parent() {
        return rows().parent();
    }

    public Map<MirrorTable, List<Object[]>> children() {
        return rows().children();
    }

    public Map<MirrorTable, List<Object[]>> shared() {
        return shared;
    }

    private synchronized RecordMapper.Rows rows() {
        if (rows == null) {
            rows = mapper.rows(source, id);
            source = null;
            mapper = null;
        }
        return rows;
    }

    /** The rows of the child table called name, or none. */
    public List<Object[]> childRows(String table) {
        for (Map.Entry<MirrorTable, List<Object[]>> entry : children().entrySet()) {
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
