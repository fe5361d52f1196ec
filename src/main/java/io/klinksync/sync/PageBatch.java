package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive pages gathered for one mirror transaction. A database pays per statement and per commit, so
 * writing sync.pages-per-write pages at once costs it far less than a transaction per page. It travels as an
 * exchange property (klink.batch) and as the body the map step reads; a page-paging batch knows its page
 * numbers, a cursor batch just fills up.
 */
public final class PageBatch {

    static final String PROPERTY = "klink.batch";

    private final String stream;
    /** Page numbers from..to (inclusive) of page paging; 0..-1 for cursor paging. */
    final int from;
    final int to;
    private final List<JsonNode> records = new ArrayList<>();
    int pages;

    PageBatch(String stream, int from, int to) {
        this.stream = stream;
        this.from = from;
        this.to = to;
    }

    /** The exchange's batch being filled, a new one (cursor paging) when it has none. */
    static PageBatch of(Exchange exchange, Walk walk) {
        PageBatch batch = exchange.getProperty(PROPERTY, PageBatch.class);
        if (batch == null) {
            batch = new PageBatch(walk.streamName(), 0, -1);
            exchange.setProperty(PROPERTY, batch);
        }
        return batch;
    }

    public String stream() {
        return stream;
    }

    /** The records of the batch's pages, as the API sent them. */
    public List<JsonNode> records() {
        return records;
    }

    /** Pages of page paging this batch still has to fetch: the count of the route's loop. */
    int pagesToFetch() {
        return to - from + 1 - pages;
    }

    /** The number of the next page of page paging to fetch. */
    int nextPage() {
        return from + pages;
    }

    /** Once written, the records are dropped; the batch object may outlive its write (Camel's split keeps it). */
    void release() {
        records.clear();
        if (records instanceof ArrayList<JsonNode> list) {
            list.trimToSize();
        }
    }

    void add(JsonNode data) {
        data.forEach(records::add);
        pages++;
    }
}
