package io.klinksync.mirror;


import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The relational mirror, as the {@link MirrorWriter} the routes call: each job is a class of its own, and this
 * one hands every call to it. Each write (a batch of pages) is one transaction that writes only new and changed
 * records ({@link ChangedRecordWriter}); deletions happen only when a pass completes ({@link PassCompletion}).
 * Thread-safe: every call takes its own pooled connection.
 */
public final class JdbcMirrorWriter implements MirrorWriter {

    private final MirrorDatabase database;
    private final boolean ownsDatabase;
    private final JdbcStreamLocks locks;
    private final SyncRuns runs;
    private final SyncSeen seen;
    private final ChangedRecordWriter changedRecords;
    private final PassCompletion completion;

    public JdbcMirrorWriter(MirrorDatabase database, DeleteMode deleteMode, ReportingSettings reporting) {
        this(database, deleteMode, reporting, Clock.systemUTC(), false);
    }

    JdbcMirrorWriter(MirrorDatabase database, DeleteMode deleteMode, ReportingSettings reporting, Clock clock,
                     boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.locks = new JdbcStreamLocks(database, clock);
        MirrorVendor vendor = database.vendor();
        MirrorTransactions transactions = new MirrorTransactions(database);
        MirrorClock mirrorClock = new MirrorClock(clock);
        SyncRejects rejects = new SyncRejects(vendor);
        ReportingTables reportingTables = new ReportingTables(vendor, reporting);
        this.runs = new SyncRuns(transactions, vendor, mirrorClock);
        this.seen = new SyncSeen(transactions, vendor, rejects, mirrorClock);
        this.changedRecords = new ChangedRecordWriter(transactions, vendor, reportingTables, seen, rejects, mirrorClock);
        this.completion = new PassCompletion(transactions, vendor, new DeleteDetection(vendor, deleteMode),
                reportingTables, runs, mirrorClock);
    }

    public MirrorDatabase database() {
        return database;
    }

    @Override
    public StreamLock lock(String stream, long waitMillis) {
        StreamTables.of(stream);
        return locks.acquire(stream, waitMillis);
    }

    @Override
    public SyncRun begin(String stream, String profile) {
        StreamTables.of(stream);
        return runs.begin(stream, profile);
    }

    @Override
    public void write(SyncRun run, MappedBatch batch) {
        changedRecords.write(run, batch.mapped(), batch.rejects());
    }

    @Override
    public long distinctSeen(SyncRun run) {
        return seen.distinct(run);
    }

    @Override
    public void resetSeen(SyncRun run) {
        seen.reset(run);
    }

    @Override
    public List<String> unseen(SyncRun run, int limit) {
        return completion.unseen(run, limit);
    }

    @Override
    public SyncRun complete(SyncRun run, Collection<String> gone) {
        return completion.complete(run, gone);
    }

    @Override
    public SyncRun fail(SyncRun run, String status, String error) {
        return runs.fail(run, status, error);
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}
