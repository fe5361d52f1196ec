package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Turns one record of a stream, in the list endpoint's read shape, into mirror rows. The parts are apart because
 * the writer needs them at different times: the id and the shared rows of every record, the parent and child rows
 * only of the records it writes (in a re-sync without changes, none).
 */
public interface RecordMapper {

    /** The parent row and the rows of each child table. */
    record Rows(Object[] parent, Map<MirrorTable, List<Object[]>> children) {
    }

    /** The record's id; a record without one cannot be mirrored, so that is an error naming the stream. */
    String id(JsonNode record);

    /** The rows of the shared tables the record embeds (upserted by key, never deleted); none by default. */
    default Map<MirrorTable, List<Object[]>> shared(JsonNode record) {
        return Map.of();
    }

    /** The parent and child rows of the record with that id; a value that breaks a column's type is an error. */
    Rows rows(JsonNode record, String id);

    /** The record mapped whole, now: a value the mapper refuses fails here. */
    default MappedRecord map(JsonNode record) {
        MappedRecord mapped = MappedRecord.of(record, this);
        mapped.parent();
        return mapped;
    }
}
