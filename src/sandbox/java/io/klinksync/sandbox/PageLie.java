package io.klinksync.sandbox;

/**
 * Ways a list page can lie while still being well-formed JSON, to exercise a client's distrust of paging
 * metadata. Each breaks one rule of the documented paging, except {@link #AS_SEEN_IN_THE_FIELD}, which
 * repeats a page a real server once answered.
 */
public enum PageLie {
    /** "page" is a large negative number instead of the page asked for. */
    NEGATIVE_PAGE,
    /** "total" is negative; lastPage still follows from it as the server computed it. */
    NEGATIVE_TOTAL,
    /** "lastPage" is far beyond what total and pageSize allow. */
    LAST_PAGE_BEYOND_TOTAL,
    /** "pageSize" is twice the one asked for, and lastPage follows from it. */
    PAGE_SIZE_ABOVE_ASKED,
    /** Every record's id is the boolean true (cursor pages too). */
    BOOLEAN_IDS,
    /** {"lastPage":72816967,"page":-73915555,"total":-75865340} with boolean ids, as a real server answered. */
    AS_SEEN_IN_THE_FIELD
}
