package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Distrust of what a page says about itself. A page-numbered page must answer the page asked for, no more
 * records a page than asked, a total that can be true and a lastPage that follows from total and pageSize;
 * the walk's length comes from page 1's lastPage, so a lying header would otherwise decide how long we walk.
 * Records of either paging style must carry ids a mirror can key by. Each check answers the problems it
 * found, quoting the values the page sent, or nothing.
 */
final class PageHeaderCheck {

    private PageHeaderCheck() {
    }

    /** The page's array of records (field records), or a clear error naming stream, URL and what was expected. */
    static JsonNode data(JsonNode page, String records, String stream, String path, String query, String expectedShape) {
        JsonNode data = page.get(records);
        if (data == null || !data.isArray()) {
            throw new BrokenPageException("Stream " + stream + ": the page from " + path + "?" + query
                    + " has no " + records + " array; expected " + expectedShape + ".");
        }
        return data;
    }

    /**
     * The select step: the page's records, once its paging metadata (headerProblems, from
     * {@link #numberedPage}) and its ids can be true; otherwise an error quoting what the page said. Such a
     * page is not written.
     */
    static JsonNode records(JsonNode page, String records, String stream, String path, String query,
                            String expectedShape, List<String> headerProblems) {
        JsonNode data = data(page, records, stream, path, query, expectedShape);
        List<String> problems = new ArrayList<>(headerProblems);
        String idProblem = idProblem(data);
        if (idProblem != null) {
            problems.add(idProblem);
        }
        if (!problems.isEmpty()) {
            throw new BrokenPageException("Stream " + stream + ": the page from " + path + "?" + query
                    + " cannot be true: " + String.join("; ", problems)
                    + ". Stopping instead of walking on. Nothing was deleted.");
        }
        return data;
    }

    /** What is wrong with the header of page askedPage, asked for with askedPageSize records a page. */
    static List<String> numberedPage(JsonNode page, String records, int askedPage, int askedPageSize) {
        List<String> problems = new ArrayList<>();
        JsonNode number = page.get("page");
        JsonNode pageSize = page.get("pageSize");
        JsonNode total = page.get("total");
        JsonNode lastPage = page.get("lastPage");
        if (!isWholeNumber(number) || number.asLong() != askedPage) {
            problems.add("page " + quote(number) + " answers a request for page " + askedPage);
        }
        boolean sizeKnown = isWholeNumber(pageSize) && pageSize.asLong() >= 1;
        if (!sizeKnown || pageSize.asLong() > askedPageSize) {
            problems.add("pageSize " + quote(pageSize) + " where at most " + askedPageSize + " was asked");
        }
        boolean totalKnown = isWholeNumber(total) && total.asLong() >= 0;
        if (!totalKnown) {
            problems.add("total " + quote(total) + " is not a count of records");
        }
        if (!isWholeNumber(lastPage) || !lastPage.canConvertToInt()) {
            problems.add("lastPage " + quote(lastPage) + " is not a page number");
        } else if (!totalKnown || !sizeKnown) {
            problems.add("lastPage " + lastPage + " cannot follow from total " + quote(total) + " at pageSize "
                    + quote(pageSize));
        } else if (!fits(lastPage.asLong(), total.asLong(), pageSize.asLong())) {
            problems.add("lastPage " + lastPage + " does not follow from total " + total + " at pageSize " + pageSize
                    + " (that makes lastPage " + pagesFor(total.asLong(), pageSize.asLong()) + ")");
        }
        JsonNode data = page.get(records);
        if (sizeKnown && data != null && data.size() > pageSize.asLong()) {
            problems.add(data.size() + " records on a page of pageSize " + pageSize.asLong());
        }
        return problems;
    }

    /**
     * The first record whose id is there but neither a string nor a number (a boolean, an object, an array),
     * described, or null. A missing, null or blank id is not a lie of the page: the mirror sets that record
     * aside on its own.
     */
    static String idProblem(JsonNode data) {
        for (int i = 0; i < data.size(); i++) {
            JsonNode id = data.get(i).get("id");
            if (id != null && !id.isNull() && !id.isTextual() && !id.isNumber()) {
                return "record " + (i + 1) + " has id " + id + ", " + typeOf(id) + "; ids are strings or numbers";
            }
        }
        return null;
    }

    /** No records make no pages, though a server may still call that page 1 of 1. */
    private static boolean fits(long lastPage, long total, long pageSize) {
        return lastPage == pagesFor(total, pageSize) || (total == 0 && lastPage == 0);
    }

    private static long pagesFor(long total, long pageSize) {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    private static boolean isWholeNumber(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    private static String quote(JsonNode node) {
        return node == null ? "(missing)" : node.toString();
    }

    private static String typeOf(JsonNode id) {
        if (id.isBoolean()) {
            return "a boolean";
        }
        return id.isArray() ? "an array" : "an object";
    }
}
