package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The map step of the sync routes: a batch's JSON records, as the list endpoint returned them, become mirror
 * rows through the stream's mapper (StreamTables); a record without a usable id cannot be keyed and becomes a
 * reject instead, which the writer stores in sync_rejects.
 */
public final class RecordMapping {

    /** The route calls it as map(${body.stream}, ${body.records}) on the page batch. */
    public MappedBatch map(String stream, List<JsonNode> records) {
        return of(stream, records);
    }

    /** For callers that hold records outside a route (the writers' List-of-records write). */
    static MappedBatch of(String stream, List<JsonNode> records) {
        RecordMapper mapper = StreamTables.of(stream).mapper();
        List<MappedRecord> mapped = new ArrayList<>(records.size());
        List<Reject> rejects = new ArrayList<>();
        for (JsonNode record : records) {
            String missingId = RecordIds.missing(record);
            if (missingId == null) {
                mapped.add(MappedRecord.of(record, mapper)); // rows made when the writer writes it
            } else {
                rejects.add(Reject.withoutId(record, missingId));
            }
        }
        return new MappedBatch(mapped, rejects, records);
    }
}
