package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiCall;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.util.List;

/**
 * The cursor-stream route's steps around {@link CursorPaginator}: plan a walk, ask for the next page, select a
 * page's records into the batch, and say when the batch is due for writing (sync.pages-per-write pages, or the
 * last page).
 */
public final class CursorPaging {

    private static final String SHAPE = "{\"has_more\": true|false, \"data\": [...]}";

    private final int pagesPerWrite;
    private final int maxPages;

    public CursorPaging(int pagesPerWrite, int maxPages) {
        this.pagesPerWrite = pagesPerWrite;
        this.maxPages = maxPages;
    }

    /** Plan pages: a new walk from the first page. */
    public void plan(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        walk.cursor = new CursorPaginator(walk.streamName(), walk.stream.path(), walk.stream.records(), walk.pageSize,
                maxPages);
        walk.nextQuery = walk.cursor.first();
    }

    public boolean hasNext(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        return walk.nextQuery != null;
    }

    public void request(Exchange exchange) {
        Walk walk = Walk.of(exchange);
        walk.ask(exchange, walk.stream.path(), walk.nextQuery);
    }

    /**
     * Select records: the page's records join the batch once the page can be true; then the paginator answers
     * the next page's query (or none), and a page that cannot lead on fails the walk after joining the batch, so
     * the pages received in full are still written.
     */
    public PageBatch select(Exchange exchange, @Body JsonNode page) {
        Walk walk = Walk.of(exchange);
        JsonNode data = PageHeaderCheck.records(page, walk.stream.records(), walk.streamName(), walk.stream.path(),
                exchange.getProperty(ApiCall.QUERY, String.class), SHAPE, List.of());
        walk.cursor.hasMore(page);
        PageBatch batch = PageBatch.of(exchange, walk);
        batch.add(data);
        walk.nextQuery = walk.cursor.next(page).orElse(null);
        return batch;
    }

    /** The batch is full, or the stream has no more pages. */
    public boolean batchDue(Exchange exchange) {
        PageBatch batch = exchange.getProperty(PageBatch.PROPERTY, PageBatch.class);
        return batch != null && (batch.pages >= pagesPerWrite || Walk.of(exchange).nextQuery == null);
    }
}
