package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A batch of one stream's records as the route's map step left it for the writer: the records mapped to rows,
 * the records set aside because they have no id the mirror could key them by, and the records as the API sent
 * them (for counting, and for naming the first one when none could be mapped).
 */
public record MappedBatch(List<MappedRecord> mapped, List<Reject> rejects, List<JsonNode> source) {
}
