package io.klinksync.sync;

import io.klinksync.api.Profile;
import io.klinksync.mirror.SyncRun;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one pass over one stream while its pages are walked. It travels as an exchange property,
 * so the beans that read pages stay stateless and several streams can be walked at once.
 */
public final class Walk {

    public static final String PROPERTY = "klink.walk";

    final SyncRun run;
    final Profile.Stream stream;
    final int pageSize;
    final AtomicLong received = new AtomicLong();
    final long startedNanos = System.nanoTime();

    // cursor paging
    volatile String cursor;
    volatile boolean hasMore = true;
    volatile int cursorPages;
    final Set<String> cursorsUsed = new HashSet<>();

    // page-number paging
    volatile long total = -1;
    volatile int lastPage = -1;
    volatile String driftNote;

    // verified deletes: ids the API answered 404 for
    final Set<String> gone = ConcurrentHashMap.newKeySet();

    // drift guard
    volatile int walks;
    volatile boolean walkAgain = true;
    volatile String incompleteReason;

    public Walk(SyncRun run, Profile.Stream stream, int pageSize) {
        this.run = run;
        this.stream = stream;
        this.pageSize = pageSize;
    }

    public String streamName() {
        return stream.name();
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
        return lastPage;
    }

    /** Records in the stream as the API states it (page paging), or -1 where it does not say. */
    public long recordsTotal() {
        return total;
    }

    /** Rows the API answered 404 for: the only ones the completing run may delete at once. */
    public Set<String> gone() {
        return gone;
    }

    public long received() {
        return received.get();
    }

    /** Starts the walk over, after drift was found. */
    void restart() {
        received.set(0);
        cursor = null;
        hasMore = true;
        cursorPages = 0;
        cursorsUsed.clear();
        total = -1;
        lastPage = -1;
        driftNote = null;
    }
}
