package io.klinksync.mirror;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** One pass over one stream, with the counters that end up in its sync_runs row. */
public final class SyncRun {

    private final long id;
    private final String stream;
    private final String profile;
    private final Instant startedAt;
    private volatile Instant walkStartedAt;
    public final AtomicLong pages = new AtomicLong();
    public final AtomicLong seen = new AtomicLong();
    public final AtomicLong inserted = new AtomicLong();
    public final AtomicLong updated = new AtomicLong();
    public final AtomicLong unchanged = new AtomicLong();
    public final AtomicLong deleted = new AtomicLong();
    /** Records of the current walk the mirror could not store; each is a sync_rejects row (or line). */
    public final AtomicLong rejected = new AtomicLong();
    private volatile String status = "running";
    private volatile String error;

    public SyncRun(long id, String stream, String profile, Instant startedAt) {
        this.id = id;
        this.stream = stream;
        this.profile = profile;
        this.startedAt = startedAt;
        this.walkStartedAt = startedAt;
    }

    public long id() {
        return id;
    }

    public String stream() {
        return stream;
    }

    public String profile() {
        return profile;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * When the current walk of the stream began: records the mirror wrote since (synced_at at or after it) were
     * seen by this walk; the ones it found unchanged have a sync_seen row instead.
     */
    public Instant walkStartedAt() {
        return walkStartedAt;
    }

    void startWalk(Instant at) {
        walkStartedAt = at;
    }

    public String status() {
        return status;
    }

    public String error() {
        return error;
    }

    public void end(String status, String error) {
        this.status = status;
        this.error = error;
    }

    @Override
    public String toString() {
        return stream + ": " + status + ", " + pages.get() + " pages, " + seen.get() + " records (" + inserted.get()
                + " inserted, " + updated.get() + " updated, " + unchanged.get() + " unchanged, " + deleted.get()
                + " deleted)" + rejects() + (error == null ? "" : " - " + error);
    }

    /** Where to look for the records the mirror set aside (a table, or a file of the CSV mirror). */
    private String rejects() {
        long count = rejected.get();
        return count == 0 ? "" : ", " + count + " rejected: see sync_rejects, run " + id;
    }
}
