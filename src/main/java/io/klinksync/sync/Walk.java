package io.klinksync.sync;

import io.klinksync.api.ApiCall;
import io.klinksync.api.Profile;
import io.klinksync.mirror.StreamLock;
import io.klinksync.mirror.SyncRun;
import io.klinksync.runtime.StopSignal;
import org.apache.camel.Exchange;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one stream as its route carries it, from begin to end (exchange property klink.walk): the
 * sync_runs row, the writer lock, the paginator of the current walk and what the completeness check and the
 * delete check need. The paging state lives in the paginators; the counters here are atomic, as the split's page
 * threads and the write threads add to them.
 */
public final class Walk {

    public static final String PROPERTY = "klink.walk";

    final SyncRun run;
    final Profile.Stream stream;
    final int pageSize;
    final StreamLock lock;
    final AtomicLong received = new AtomicLong();

    /** The current walk's paging: one of them, made anew by the route's plan step at each (re-)walk. */
    volatile CursorPaginator cursor;
    volatile PageNumberPaginator pages;
    /** Cursor paging: the query of the next page to ask, or null when the walk has read its last page. */
    volatile String nextQuery;

    // verified deletes: ids the API answered 404 for
    final Set<String> gone = ConcurrentHashMap.newKeySet();

    // completeness: walks done, whether to walk again, why the pass is incomplete
    volatile int walks;
    volatile boolean walkAgain = true;
    volatile String incompleteReason;

    Walk(SyncRun run, Profile.Stream stream, int pageSize, StreamLock lock) {
        this.run = run;
        this.stream = stream;
        this.pageSize = pageSize;
        this.lock = lock;
    }

    /** The walk the route carries. */
    static Walk of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Walk.class);
    }

    public String streamName() {
        return stream.name();
    }

    /** The run's sync_runs row, as the route left it. */
    public SyncRun run() {
        return run;
    }

    /** Why the pass could not be trusted to be complete, or null when it was. */
    public String incompleteReason() {
        return incompleteReason;
    }

    /** Pages written so far; the run counts them for its sync_runs row. */
    public long pagesDone() {
        return run.pages.get();
    }

    /** Pages in the stream, or -1 where the API does not say (cursor paging). */
    public int pagesTotal() {
        PageNumberPaginator numbered = pages;
        return numbered == null ? -1 : numbered.lastPage();
    }

    /** Records in the stream as the API states it (page paging), or -1 where it does not say. */
    public long recordsTotal() {
        PageNumberPaginator numbered = pages;
        return numbered == null ? -1 : numbered.total();
    }

    /** What the pages of this walk contradicted (page paging: the total changed), or null. */
    String driftNote() {
        PageNumberPaginator numbered = pages;
        return numbered == null ? null : numbered.driftNote();
    }

    /** Rows the API answered 404 for: the only ones the completing run may delete at once. */
    public Set<String> gone() {
        return gone;
    }

    public long received() {
        return received.get();
    }

    /**
     * Sets the exchange's API request (GET the stream's path with query, or none). The safe point of a walk: a
     * stop (SIGTERM, Ctrl-C) or a run already ended sends no further request.
     */
    void ask(Exchange exchange, String path, String query) {
        StopSignal.process().throwIfRequested("while syncing stream " + streamName());
        if (!run.isOpen()) {
            throw new BrokenPageException("Stream " + streamName() + ": run " + run.id() + " has ended.");
        }
        exchange.setProperty(ApiCall.METHOD, "GET");
        exchange.setProperty(ApiCall.PATH, path);
        if (query == null) {
            exchange.removeProperty(ApiCall.QUERY);
        } else {
            exchange.setProperty(ApiCall.QUERY, query);
        }
    }
}
