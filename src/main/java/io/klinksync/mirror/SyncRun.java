package io.klinksync.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
    /** Rows this complete pass did not see and could not prove gone: kept until the next pass decides. */
    public final AtomicLong deletePending = new AtomicLong();
    /** Rows this run wrote to the change log, sync_changes (0 when mirror.changes is off). */
    public final AtomicLong loggedInserts = new AtomicLong();
    public final AtomicLong loggedUpdates = new AtomicLong();
    public final AtomicLong loggedDeletes = new AtomicLong();
    /**
     * Shared rows (companies) this run has committed or found stored as they are, by table and key: see
     * {@link SharedRows}. Bounded there; the write threads share it.
     */
    final Map<String, List<Object>> sharedKnown = new ConcurrentHashMap<>();
    private volatile String status = "running";
    private volatile String error;
    /** Writes share it; ending the run takes it whole, so the run's row is written after its last write. */
    private final ReadWriteLock writes = new ReentrantReadWriteLock();
    private volatile boolean open = true;

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

    /**
     * Runs one write of this run (a batch and its counting), unless the run has ended: a page thread still busy
     * when its run failed must not write past the run's end. Answers whether the write ran.
     */
    public boolean whileOpen(Runnable write) {
        writes.readLock().lock();
        try {
            if (!open) {
                return false;
            }
            write.run();
            return true;
        } finally {
            writes.readLock().unlock();
        }
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * No write of this run starts from now on; waits up to waitMillis for those in progress to commit or roll
     * back. Answers whether none is still going, so the counters are final.
     */
    public boolean closeWrites(long waitMillis) {
        open = false;
        try {
            if (writes.writeLock().tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                writes.writeLock().unlock();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The status of a run that fetched named records one by one: not a pass, so it deletes nothing. */
    public static final String REFRESHED = "refreshed";

    /** The statuses a run ends with when it was no complete pass; none of them deletes anything. */
    static void requireFailure(String status) {
        if (!"failed".equals(status) && !"incomplete".equals(status) && !"interrupted".equals(status)
                && !REFRESHED.equals(status)) {
            throw new IllegalArgumentException("A run ends as 'failed', 'incomplete', 'interrupted' or 'refreshed', not '"
                    + status + "'");
        }
    }

    public void end(String status, String error) {
        this.status = status;
        this.error = error;
    }

    @Override
    public String toString() {
        return stream + ": " + status + ", " + pages.get() + " pages, " + seen.get() + " records (" + inserted.get()
                + " inserted, " + updated.get() + " updated, " + unchanged.get() + " unchanged, " + deleted.get()
                + " deleted" + (deletePending.get() == 0 ? "" : ", " + deletePending.get() + " missing kept until the next pass"
                + " confirms them gone") + ")" + changes() + rejects() + (error == null ? "" : " - " + error);
    }

    /** The change log's counts for the run, where a report (or `status`) finds the rows. */
    private String changes() {
        long inserts = loggedInserts.get();
        long updates = loggedUpdates.get();
        long deletes = loggedDeletes.get();
        return inserts + updates + deletes == 0 ? "" : ", changes logged in sync_changes (run " + id + "): " + inserts
                + " insert, " + updates + " update, " + deletes + " delete";
    }

    /** Where to look for the records the mirror set aside (a table, or a file of the CSV mirror). */
    private String rejects() {
        long count = rejected.get();
        return count == 0 ? "" : ", " + count + " rejected: see sync_rejects, run " + id;
    }
}
