package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The requests of one walk over {total, page, pageSize, lastPage, data} pages: first() asks for page 1, whose
 * checked header fixes how many pages the walk asks for (plan); a later page that announces more cannot lengthen
 * it. next(page) answers the query of the page after a page, or none after the last one page 1 announced. A total
 * that changes mid-walk is drift, noted for the completeness check. Safe for the split's page threads.
 */
public final class PageNumberPaginator {

    static final String SHAPE = "{\"total\", \"page\", \"pageSize\", \"lastPage\", \"data\": [...]}";

    private final String stream;
    private final String path;
    private final String records;
    private final int pageSize;
    private final int pagesPerWrite;
    private volatile long total = -1;
    private volatile int lastPage = -1;
    private final AtomicReference<String> driftNote = new AtomicReference<>();

    public PageNumberPaginator(String stream, String path, String records, int pageSize, int pagesPerWrite) {
        this.stream = stream;
        this.path = path;
        this.records = records;
        this.pageSize = pageSize;
        this.pagesPerWrite = pagesPerWrite;
    }

    public String first() {
        return query(1);
    }

    public String query(int page) {
        return "page=" + page + "&pageSize=" + pageSize;
    }

    /** The query of the page after this one, or none when page 1 announced no more. */
    public Optional<String> next(JsonNode page) {
        int number = page.path("page").asInt(-1);
        return number >= 1 && number < lastPage ? Optional.of(query(number + 1)) : Optional.empty();
    }

    /**
     * Page 1's records, once its header is checked (it decides how many pages the walk asks for); query is the
     * request it answers, for the error message.
     */
    public JsonNode firstPage(JsonNode page, String query) {
        PageHeaderCheck.data(page, records, stream, path, query, SHAPE);
        if (!page.has("total") && !page.has("lastPage")) {
            throw new BrokenPageException("Stream " + stream + ": the first page from " + path
                    + " has no total and lastPage; expected page paging " + SHAPE + ". Check provider."
                    + stream + ".paging in the profile.");
        }
        JsonNode data = PageHeaderCheck.records(page, records, stream, path, query, SHAPE,
                PageHeaderCheck.numberedPage(page, records, 1, pageSize));
        total = page.get("total").asLong();
        lastPage = page.get("lastPage").asInt();
        return data;
    }

    /**
     * The pages after page 1 that page 1 announced, in runs of sync.pages-per-write consecutive pages (one
     * mirror transaction each), lazily: {from, to} inclusive.
     */
    public Iterator<int[]> plan() {
        int last = lastPage;
        return IntStream.iterate(2, from -> from <= last, from -> from + pagesPerWrite)
                .mapToObj(from -> new int[]{from, Math.min(last, from + pagesPerWrite - 1)}).iterator();
    }

    /** Page asked's records, once its header is checked; a total other than page 1's is noted as drift. */
    public JsonNode page(JsonNode page, int asked, String query) {
        JsonNode data = PageHeaderCheck.records(page, records, stream, path, query, SHAPE,
                PageHeaderCheck.numberedPage(page, records, asked, pageSize));
        long stated = page.path("total").asLong(total);
        if (stated != total) {
            driftNote.compareAndSet(null, "the total changed from " + total + " to " + stated + " while paging");
        }
        return data;
    }

    /** Records in the stream as page 1 stated it, or -1 before page 1. */
    public long total() {
        return total;
    }

    /** The last page page 1 announced, or -1 before page 1. */
    public int lastPage() {
        return lastPage;
    }

    /** Why the pages disagree with page 1 (the total changed), or null. */
    public String driftNote() {
        return driftNote.get();
    }
}
