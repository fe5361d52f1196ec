package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive pages gathered for one mirror transaction. A database pays per statement and per commit, so
 * writing sync.pages-per-write pages at once costs it far less than a transaction per page. It travels as an
 * exchange property; a page-paging batch knows its page numbers, a cursor batch just fills up.
 */
final class PageBatch {

    static final String PROPERTY = "klink.batch";

    /** Page numbers from..to (inclusive) of page paging; 0..-1 for cursor paging. */
    final int from;
    final int to;
    final List<JsonNode> records = new ArrayList<>();
    int pages;

    PageBatch(int from, int to) {
        this.from = from;
        this.to = to;
    }

    static PageBatch of(Exchange exchange) {
        PageBatch batch = exchange.getProperty(PROPERTY, PageBatch.class);
        if (batch == null) {
            batch = new PageBatch(0, -1);
            exchange.setProperty(PROPERTY, batch);
        }
        return batch;
    }

    /** Pages of page paging this batch still has to fetch: the count of the route's loop. */
    int pagesToFetch() {
        return to - from + 1 - pages;
    }

    /** The number of the next page of page paging to fetch. */
    int nextPage() {
        return from + pages;
    }

    void add(JsonNode data) {
        data.forEach(records::add);
        pages++;
    }
}
