package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiCall;
import io.klinksync.mirror.MappedBatch;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.RecordMapping;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One record of a stream asked for by id (GET path/ID): a 404 marks it gone from the API, an answer is written
 * like any page's record. Used by verified deletes (DeleteCheck's candidates) and by refreshes of named records.
 */
public final class RecordLookup {

    private static final String ASKED = "klink.lookup.id";

    private final MirrorWriter mirror;
    private final RecordMapping mapping;

    public RecordLookup(MirrorWriter mirror, RecordMapping mapping) {
        this.mirror = mirror;
        this.mapping = mapping;
    }

    public void request(Exchange exchange) {
        Walk walk = Walk.of(exchange);
        String id = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ASKED, id);
        walk.ask(exchange, walk.stream.path() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"), null);
        exchange.setProperty(ApiCall.NOT_FOUND_ANSWERS, true);
    }

    /** 404: proven gone. A record: written like any page's record, so the row is fresh and counts as seen. */
    public void answer(Exchange exchange) {
        Walk walk = Walk.of(exchange);
        String id = exchange.getProperty(ASKED, String.class);
        exchange.removeProperty(ApiCall.NOT_FOUND_ANSWERS);
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        if (body == null || body.isMissingNode()) {
            walk.gone.add(id);
            return;
        }
        JsonNode record = unwrap(body);
        if (!id.equals(record.path("id").asText(null))) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": GET " + walk.stream.path() + "/" + id
                    + " answered a record with id " + record.path("id") + "; nothing was deleted.");
        }
        MappedBatch mapped = mapping.map(walk.streamName(), List.of(record));
        walk.run.whileOpen(() -> mirror.write(walk.run, mapped));
    }

    /** Retrieving one contact answers {"status", "message", "data": {...}}; conversations and groups come bare. */
    private static JsonNode unwrap(JsonNode body) {
        JsonNode data = body.get("data");
        return !body.has("id") && data != null && data.isObject() ? data : body;
    }
}
