package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiCall;
import io.klinksync.mirror.MirrorWriter;
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

    public RecordLookup(MirrorWriter mirror) {
        this.mirror = mirror;
    }

    public void request(Exchange exchange) {
        Walk walk = PageReader.walk(exchange);
        String id = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ASKED, id);
        PageReader.setRequest(exchange, walk, null);
        exchange.setProperty(ApiCall.PATH, walk.stream.path() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        exchange.setProperty(ApiCall.NOT_FOUND_ANSWERS, true);
    }

    /** 404: proven gone. A record: written like any page's record, so the row is fresh and counts as seen. */
    public void answer(Exchange exchange) {
        Walk walk = PageReader.walk(exchange);
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
        walk.run.whileOpen(() -> mirror.write(walk.run, List.of(record)));
    }

    /** Retrieving one contact answers {"status", "message", "data": {...}}; conversations and groups come bare. */
    private static JsonNode unwrap(JsonNode body) {
        JsonNode data = body.get("data");
        return !body.has("id") && data != null && data.isObject() ? data : body;
    }
}
