package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.Exchange;

import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * Walks {total, page, pageSize, lastPage, data} pages: page 1 first to learn lastPage, then the remaining
 * pages in parallel (the route's split). A total that changes mid-walk is drift.
 */
public final class PageNumberPaging extends PageReader {

    private static final String SHAPE = "{\"total\", \"page\", \"pageSize\", \"lastPage\", \"data\": [...]}";

    private final int maxRewalks;

    public PageNumberPaging(MirrorWriter mirror, SyncProgress progress, SyncMetrics metrics, int maxRewalks) {
        super(mirror, progress, metrics);
        this.maxRewalks = maxRewalks;
    }

    public void firstRequest(Exchange exchange) {
        pageRequest(exchange, 1);
    }

    /** Writes page 1 and answers the numbers of the pages still to fetch, lazily. */
    public Iterator<Integer> receiveFirst(Exchange exchange) {
        Walk walk = walk(exchange);
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        JsonNode data = data(page, exchange, walk, SHAPE);
        if (!page.path("total").canConvertToLong() || !page.path("lastPage").canConvertToInt()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the first page from " + walk.stream.path()
                    + " has no numeric total and lastPage; expected page paging " + SHAPE + ". Check provider."
                    + walk.streamName() + ".paging in the profile.");
        }
        walk.total = page.get("total").asLong();
        walk.lastPage = page.get("lastPage").asInt();
        write(walk, data);
        return IntStream.rangeClosed(2, walk.lastPage).iterator();
    }

    public void request(Exchange exchange) {
        pageRequest(exchange, exchange.getMessage().getBody(Integer.class));
    }

    public void receive(Exchange exchange) {
        Walk walk = walk(exchange);
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        JsonNode data = data(page, exchange, walk, SHAPE);
        long total = page.path("total").asLong(walk.total);
        if (total != walk.total && walk.driftNote == null) {
            walk.driftNote = "the total changed from " + walk.total + " to " + total + " while paging";
        }
        write(walk, data);
    }

    public void verify(Exchange exchange) {
        verifyWalk(exchange, maxRewalks);
    }

    private static void pageRequest(Exchange exchange, int number) {
        Walk walk = walk(exchange);
        setRequest(exchange, walk, "page=" + number + "&pageSize=" + walk.pageSize);
    }
}
