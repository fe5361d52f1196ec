package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Walks {has_more, data} pages with limit and starting_after=&lt;last id&gt; (conversations, groups), one after
 * another; every sync.pages-per-write pages, and after the last, the pages gathered go to the mirror at once.
 * A walk that ends early still writes the pages it received in full (the route's doFinally calls write). A
 * walk reads at most sync.cursor.max-pages pages, so a has_more that never ends cannot keep it going.
 */
public final class CursorPaging extends PageReader {

    private static final Logger LOG = LoggerFactory.getLogger(CursorPaging.class);
    private static final String SHAPE = "{\"has_more\": true|false, \"data\": [...]}";

    private final int maxRewalks;
    private final int maxPages;

    public CursorPaging(MirrorWriter mirror, SyncProgress progress, SyncMetrics metrics, int maxRewalks,
                        int pagesPerWrite, int maxPages) {
        super(mirror, progress, metrics, pagesPerWrite);
        this.maxRewalks = maxRewalks;
        this.maxPages = maxPages;
    }

    public void nextRequest(Exchange exchange) {
        Walk walk = walk(exchange);
        if (walk.cursorPages >= maxPages) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the API still said has_more after "
                    + walk.cursorPages + " pages, the most one walk reads (sync.cursor.max-pages); stopping instead"
                    + " of walking on. Nothing was deleted.");
        }
        String cursor = walk.cursor;
        if (cursor != null && !walk.cursorsUsed.add(cursor)) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the API led back to starting_after=" + cursor
                    + " after " + walk.cursorPages + " pages; stopping instead of looping. Nothing was deleted.");
        }
        setRequest(exchange, walk, "limit=" + walk.pageSize
                + (cursor == null ? "" : "&starting_after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
    }

    public void receive(Exchange exchange) {
        Walk walk = walk(exchange);
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        JsonNode data = trustedRecords(page, exchange, walk, SHAPE, List.of());
        JsonNode hasMore = page.get("has_more");
        if (hasMore == null || !hasMore.isBoolean()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the page from " + walk.stream.path()
                    + " has no boolean has_more; expected cursor paging {\"has_more\", \"data\"}. Check provider."
                    + walk.streamName() + ".paging in the profile.");
        }
        PageBatch.of(exchange).add(data);
        walk.cursorPages++;
        if (hasMore.asBoolean() && data.isEmpty()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the API says has_more but sent an empty page"
                    + " after " + walk.cursorPages + " pages; stopping instead of looping. Nothing was deleted.");
        }
        walk.hasMore = hasMore.asBoolean();
        if (!data.isEmpty()) {
            walk.cursor = cursorAfter(data, walk);
        }
    }

    /** The last record's id, which the next page starts after; without one the walk cannot go on. */
    private static String cursorAfter(JsonNode data, Walk walk) {
        JsonNode id = data.get(data.size() - 1).get("id");
        String cursor = id == null || id.isNull() ? null : id.asText();
        if (walk.hasMore && (cursor == null || cursor.isBlank())) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the last record of page " + walk.cursorPages
                    + " has no id to ask for the next page with (starting_after); stopping after the pages read."
                    + " Nothing was deleted.");
        }
        return cursor;
    }

    /**
     * After the walk, however it ended: writes the pages received in full and not written yet. When the walk
     * failed and this write fails too, the walk's failure stays the one reported.
     */
    public void writeReceived(Exchange exchange) {
        Throwable walkFailure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        try {
            write(exchange);
        } catch (RuntimeException e) {
            if (walkFailure == null) {
                throw e;
            }
            walkFailure.addSuppressed(e);
            LOG.warn("Stream {}: the pages received before the walk failed could not be written either: {}",
                    walk(exchange).streamName(), e.getMessage());
        }
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
