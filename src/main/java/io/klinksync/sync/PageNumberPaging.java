package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiCall;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.util.Iterator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Spliterators;
import java.util.Spliterator;

/**
 * The page-stream route's steps around {@link PageNumberPaginator}: ask for page 1, plan the batches of pages
 * it announced (page 1 is the first batch, already fetched, so fetching goes on while it is written), then per
 * batch ask for each page and select its records into the batch.
 */
public final class PageNumberPaging {

    private final int pagesPerWrite;

    public PageNumberPaging(int pagesPerWrite) {
        this.pagesPerWrite = pagesPerWrite;
    }

    /** A new walk, from page 1. */
    public void firstRequest(Exchange exchange) {
        Walk walk = Walk.of(exchange);
        walk.pages = new PageNumberPaginator(walk.streamName(), walk.stream.path(), walk.stream.records(),
                walk.pageSize, pagesPerWrite);
        walk.ask(exchange, walk.stream.path(), walk.pages.first());
    }

    /** Plan pages: the walk's batches, lazily, for the route's streaming split; page 1 is the first of them. */
    public Iterator<PageBatch> plan(Exchange exchange, @Body JsonNode page) {
        Walk walk = Walk.of(exchange);
        PageBatch first = new PageBatch(walk.streamName(), 1, 1);
        first.add(walk.pages.firstPage(page, exchange.getProperty(ApiCall.QUERY, String.class)));
        Stream<PageBatch> rest = StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk.pages.plan(),
                Spliterator.ORDERED), false).map(range -> new PageBatch(walk.streamName(), range[0], range[1]));
        return Stream.concat(Stream.of(first), rest).iterator();
    }

    /** How many pages the batch the route put in its property still fetches: the count of the route's loop. */
    public int pagesToFetch(@ExchangeProperty(PageBatch.PROPERTY) PageBatch batch) {
        return batch.pagesToFetch();
    }

    public void request(Exchange exchange) {
        Walk walk = Walk.of(exchange);
        PageBatch batch = exchange.getProperty(PageBatch.PROPERTY, PageBatch.class);
        walk.ask(exchange, walk.stream.path(), walk.pages.query(batch.nextPage()));
    }

    /** Select records: the page's records join the batch once its header can be true; the batch is the body. */
    public PageBatch select(Exchange exchange, @Body JsonNode page) {
        Walk walk = Walk.of(exchange);
        PageBatch batch = exchange.getProperty(PageBatch.PROPERTY, PageBatch.class);
        batch.add(walk.pages.page(page, batch.nextPage(), exchange.getProperty(ApiCall.QUERY, String.class)));
        return batch;
    }
}
