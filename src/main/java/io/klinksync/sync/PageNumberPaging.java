package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.Exchange;

import java.util.Iterator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Walks {total, page, pageSize, lastPage, data} pages: page 1 first to learn lastPage, then the remaining
 * pages in batches of consecutive pages, several batches at once (the route's split); each batch is fetched
 * page by page and written in one transaction. A total that changes mid-walk is drift. Every page's header is
 * checked before it is believed (PageHeaderCheck); the walk asks for exactly the pages page 1 announced, so a
 * later page that announces more cannot lengthen it.
 */
public final class PageNumberPaging extends PageReader {

    private static final String SHAPE = "{\"total\", \"page\", \"pageSize\", \"lastPage\", \"data\": [...]}";

    private final int maxRewalks;

    public PageNumberPaging(MirrorWriter mirror, SyncProgress progress, SyncMetrics metrics, int maxRewalks,
                            int pagesPerWrite) {
        super(mirror, progress, metrics, pagesPerWrite);
        this.maxRewalks = maxRewalks;
    }

    public void firstRequest(Exchange exchange) {
        pageRequest(exchange, 1);
    }

    /**
     * Answers the batches of the walk, lazily: first page 1, already fetched, then the pages still to fetch.
     * Page 1 is written by the split like any batch, so fetching goes on meanwhile.
     */
    public Iterator<PageBatch> receiveFirst(Exchange exchange) {
        Walk walk = walk(exchange);
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        data(page, exchange, walk, SHAPE);
        if (!page.has("total") && !page.has("lastPage")) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the first page from " + walk.stream.path()
                    + " has no total and lastPage; expected page paging " + SHAPE + ". Check provider."
                    + walk.streamName() + ".paging in the profile.");
        }
        // Page 1's lastPage fixes how many pages this walk asks for, so it is believed only once it is checked.
        JsonNode data = trustedRecords(page, exchange, walk, SHAPE, PageHeaderCheck.numberedPage(page, 1, walk.pageSize));
        walk.total = page.get("total").asLong();
        walk.lastPage = page.get("lastPage").asInt();
        PageBatch first = new PageBatch(1, 1);
        first.add(data);
        int lastPage = walk.lastPage;
        Stream<PageBatch> rest = IntStream.iterate(2, from -> from <= lastPage, from -> from + pagesPerWrite)
                .mapToObj(from -> new PageBatch(from, Math.min(lastPage, from + pagesPerWrite - 1)));
        return Stream.concat(Stream.of(first), rest).iterator();
    }

    /** How many pages the batch the route put in its property still fetches: the count of the route's loop. */
    public int pagesToFetch(Exchange exchange) {
        return exchange.getProperty(PageBatch.PROPERTY, PageBatch.class).pagesToFetch();
    }

    public void request(Exchange exchange) {
        pageRequest(exchange, exchange.getProperty(PageBatch.PROPERTY, PageBatch.class).nextPage());
    }

    public void receive(Exchange exchange) {
        Walk walk = walk(exchange);
        JsonNode page = exchange.getMessage().getBody(JsonNode.class);
        PageBatch batch = PageBatch.of(exchange);
        JsonNode data = trustedRecords(page, exchange, walk, SHAPE,
                PageHeaderCheck.numberedPage(page, batch.nextPage(), walk.pageSize));
        long total = page.path("total").asLong(walk.total);
        if (total != walk.total && walk.driftNote == null) {
            walk.driftNote = "the total changed from " + walk.total + " to " + total + " while paging";
        }
        batch.add(data);
    }

    public void verify(Exchange exchange) {
        verifyWalk(exchange, maxRewalks);
    }

    private static void pageRequest(Exchange exchange, int number) {
        Walk walk = walk(exchange);
        setRequest(exchange, walk, "page=" + number + "&pageSize=" + walk.pageSize);
    }
}
