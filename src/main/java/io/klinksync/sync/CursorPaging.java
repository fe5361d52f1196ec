package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Walks {has_more, data} pages with limit and starting_after=&lt;last id&gt; (conversations, groups), one after
 * another; every sync.pages-per-write pages, and after the last, the pages gathered go to the mirror at once.
 */
public final class CursorPaging extends PageReader {

    private final int maxRewalks;

    public CursorPaging(MirrorWriter mirror, SyncProgress progress, SyncMetrics metrics, int maxRewalks,
                        int pagesPerWrite) {
        super(mirror, progress, metrics, pagesPerWrite);
        this.maxRewalks = maxRewalks;
    }

    public void nextRequest(Exchange exchange) {
        Walk walk = walk(exchange);
        String cursor = walk.cursor;
        if (cursor != null && !walk.cursorsUsed.add(cursor)) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the API led back to starting_after=" + cursor
                    + " after " + pagesFetched(walk) + " pages; stopping instead of looping. Nothing was deleted.");
        }
        setRequest(exchange, walk, "limit=" + walk.pageSize
                + (cursor == null ? "" : "&starting_after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
    }

    public void receive(Exchange exchange) {
        Walk walk = walk(exchange);
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        JsonNode data = data(page, exchange, walk, "{\"has_more\": true|false, \"data\": [...]}");
        JsonNode hasMore = page.get("has_more");
        if (hasMore == null || !hasMore.isBoolean()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the page from " + walk.stream.path()
                    + " has no boolean has_more; expected cursor paging {\"has_more\", \"data\"}. Check provider."
                    + walk.streamName() + ".paging in the profile.");
        }
        PageBatch.of(exchange).add(data);
        if (hasMore.asBoolean() && data.isEmpty()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the API says has_more but sent an empty page"
                    + " after " + pagesFetched(walk) + " pages; stopping instead of looping. Nothing was deleted.");
        }
        if (!data.isEmpty()) {
            walk.cursor = data.get(data.size() - 1).path("id").asText(null);
        }
        walk.hasMore = hasMore.asBoolean();
    }

    /** Every page after the first was asked for with a cursor of its own. */
    private static int pagesFetched(Walk walk) {
        return walk.cursorsUsed.size() + 1;
    }

    /** The batch is full, or the stream has no more pages. */
    public boolean batchDue(Exchange exchange) {
        return PageBatch.of(exchange).pages >= pagesPerWrite || !walk(exchange).hasMore;
    }

    public boolean hasMore(Exchange exchange) {
        return walk(exchange).hasMore;
    }

    public void verify(Exchange exchange) {
        verifyWalk(exchange, maxRewalks);
    }
}
