package io.klinksync.api;

/** The two pagination styles the API documents. */
public enum Paging {
    /** {has_more, data} walked with starting_after=&lt;last id&gt; and limit. */
    CURSOR,
    /** {total, page, pageSize, lastPage, data} walked with page and pageSize. */
    PAGE
}
