package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiCall;
import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Verified deletes: after a complete walk, each row the walk did not see is asked for by GET path/ID before the
 * mirror may delete it. 404 proves it gone; an answer means it shifted past the reader, and the row is refreshed
 * from it. Up to sync.delete.verify-max rows; beyond that, or where the stream cannot be retrieved one by one,
 * nothing is asked and the mirror waits for a second complete pass to miss the same rows.
 */
public final class DeleteCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteCheck.class);
    private static final String CANDIDATE = "klink.delete.candidate";

    private final MirrorWriter mirror;
    private final int verifyMax;

    public DeleteCheck(MirrorWriter mirror, int verifyMax) {
        this.mirror = mirror;
        this.verifyMax = verifyMax;
    }

    /** The ids to ask about: none when the walk was not complete, the stream has no GET by id, or too many. */
    public List<String> candidates(Exchange exchange) {
        Walk walk = PageReader.walk(exchange);
        if (walk.incompleteReason() != null || !walk.run.isOpen() || !walk.stream.retrievable()) {
            return List.of();
        }
        List<String> unseen = mirror.unseen(walk.run, verifyMax + 1);
        if (unseen.size() > verifyMax) {
            LOG.warn("Stream {}: more than {} rows missing from this pass (sync.delete.verify-max); none is asked about,"
                    + " and each is deleted only if the next complete pass misses it too", walk.streamName(), verifyMax);
            return List.of();
        }
        return unseen;
    }

    public void request(Exchange exchange) {
        Walk walk = PageReader.walk(exchange);
        String id = exchange.getMessage().getBody(String.class);
        exchange.setProperty(CANDIDATE, id);
        PageReader.setRequest(exchange, walk, null);
        exchange.setProperty(ApiCall.PATH, walk.stream.path() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        exchange.setProperty(ApiCall.NOT_FOUND_ANSWERS, true);
    }

    /** 404: proven gone. A record: written like any page's record, so the row is fresh and counts as seen. */
    public void answer(Exchange exchange) {
        Walk walk = PageReader.walk(exchange);
        String id = exchange.getProperty(CANDIDATE, String.class);
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
