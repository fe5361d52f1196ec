package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The requests of one walk over {has_more, data} pages (limit and starting_after=&lt;last id&gt;): first() asks
 * for the first page, next(page) answers the query of the page after it, or none at the end. It does not trust
 * the API to end the walk: at most sync.cursor.max-pages pages, never a cursor twice, never has_more with an
 * empty page. One instance per walk, used by one thread at a time.
 */
public final class CursorPaginator {

    private final String stream;
    private final String path;
    private final String records;
    private final int pageSize;
    private final int maxPages;
    private final Set<String> cursorsUsed = new HashSet<>();
    private int pages;

    public CursorPaginator(String stream, String path, String records, int pageSize, int maxPages) {
        this.stream = stream;
        this.path = path;
        this.records = records;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    public String first() {
        return "limit=" + pageSize;
    }

    /**
     * Whether the page says more pages follow; a page without a boolean has_more is not a cursor page, and
     * nothing of it is believed.
     */
    public boolean hasMore(JsonNode page) {
        JsonNode hasMore = page.get("has_more");
        if (hasMore == null || !hasMore.isBoolean()) {
            throw new BrokenPageException("Stream " + stream + ": the page from " + path
                    + " has no boolean has_more; expected cursor paging {\"has_more\", \"data\"}. Check provider."
                    + stream + ".paging in the profile.");
        }
        return hasMore.asBoolean();
    }

    /** The query of the page after this one, or none when this was the last. The page counts as read. */
    public Optional<String> next(JsonNode page) {
        boolean hasMore = hasMore(page);
        JsonNode data = page.path(records);
        pages++;
        if (hasMore && data.isEmpty()) {
            throw new BrokenPageException("Stream " + stream + ": the API says has_more but sent an empty page"
                    + " after " + pages + " pages; stopping instead of looping. Nothing was deleted.");
        }
        if (!hasMore) {
            return Optional.empty();
        }
        JsonNode id = data.get(data.size() - 1).get("id");
        String cursor = id == null || id.isNull() ? null : id.asText();
        if (cursor == null || cursor.isBlank()) {
            throw new BrokenPageException("Stream " + stream + ": the last record of page " + pages
                    + " has no id to ask for the next page with (starting_after); stopping after the pages read."
                    + " Nothing was deleted.");
        }
        if (pages >= maxPages) {
            throw new BrokenPageException("Stream " + stream + ": the API still said has_more after " + pages
                    + " pages, the most one walk reads (sync.cursor.max-pages); stopping instead of walking on."
                    + " Nothing was deleted.");
        }
        if (!cursorsUsed.add(cursor)) {
            throw new BrokenPageException("Stream " + stream + ": the API led back to starting_after=" + cursor
                    + " after " + pages + " pages; stopping instead of looping. Nothing was deleted.");
        }
        return Optional.of(first() + "&starting_after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    /** Pages read so far in this walk. */
    public int pages() {
        return pages;
    }
}
