package io.klinksync.sandbox;

import java.util.List;

/** The documented paging parameters: limit / starting_after / ending_before, and page / pageSize. */
final class Pagination {

    /** Default limit and pageSize when the request names none. */
    static final int DEFAULT_SIZE = 10;

    private Pagination() {
    }

    /** limit, clamped to the deployment's maximum ("goes up to 100"): a larger limit answers a full page. */
    static int limit(SandboxRequest request, int max) {
        return Math.min(request.intParam("limit", DEFAULT_SIZE, 1), max);
    }

    /** A cursor page: {"has_more", "data"} after starting_after, before ending_before, or from the start. */
    static SandboxResponse cursorPage(RecordTable table, SandboxRequest request, int max,
                                      java.util.function.Predicate<byte[]> filter) {
        int limit = limit(request, max);
        String after = emptyToNull(request.param("starting_after"));
        String before = emptyToNull(request.param("ending_before"));
        if (after != null && before != null) {
            throw ApiError.badRequest("Give starting_after or ending_before, not both.");
        }
        String cursor = after != null ? after : before;
        RecordTable.Slice slice = table.cursor(cursor, before != null, limit, filter);
        if (slice == null) {
            throw ApiError.badRequest("No " + table.name() + " record with id '" + cursor + "' to page from ("
                    + (after != null ? "starting_after" : "ending_before") + "); it may have been deleted.");
        }
        return SandboxResponse.raw(200, PageBodies.cursor(slice.records(), slice.hasMore()));
    }

    /** A numbered page of the whole table: {"total","page","pageSize","lastPage","data"}, pageSize clamped. */
    static SandboxResponse numberedPage(RecordTable table, SandboxRequest request, int max) {
        int page = request.intParam("page", 1, 1);
        int pageSize = Math.min(request.intParam("pageSize", DEFAULT_SIZE, 1), max);
        long offset = (long) (page - 1) * pageSize;
        RecordTable.Slice slice = offset > Integer.MAX_VALUE ? table.page(Integer.MAX_VALUE, 0)
                : table.page((int) offset, pageSize);
        return numbered(slice.total(), page, pageSize, slice.records());
    }

    /** A numbered page of an already filtered list. */
    static SandboxResponse numberedPage(List<byte[]> all, SandboxRequest request, int max) {
        int page = request.intParam("page", 1, 1);
        int pageSize = Math.min(request.intParam("pageSize", DEFAULT_SIZE, 1), max);
        long offset = (long) (page - 1) * pageSize;
        int from = (int) Math.min(offset, all.size());
        int to = Math.min(from + pageSize, all.size());
        return numbered(all.size(), page, pageSize, all.subList(from, to));
    }

    private static SandboxResponse numbered(int total, int page, int pageSize, List<byte[]> records) {
        int lastPage = Math.max(1, (total + pageSize - 1) / pageSize);
        return SandboxResponse.raw(200, PageBodies.page(total, page, pageSize, lastPage, records));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
