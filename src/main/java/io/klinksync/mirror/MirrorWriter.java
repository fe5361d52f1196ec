package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;

/**
 * Where a sync pass writes: the relational mirror (JDBC) or the CSV mirror. One instance serves every
 * stream of the process and may be called from several threads at once (pages are written concurrently).
 */
public interface MirrorWriter extends AutoCloseable {

    /**
     * Takes the stream's writer lock, waiting up to waitMillis, or throws {@link StreamBusyException} naming the
     * holder. Held for the whole run: only its holder may begin, write and end runs of the stream.
     */
    StreamLock lock(String stream, long waitMillis);

    /**
     * Starts one pass over one stream: a sync_runs row with status 'running'. The caller holds the stream's lock,
     * so a run of the stream still 'running' belongs to a process that died, and becomes 'abandoned'.
     */
    SyncRun begin(String stream, String profile);

    /**
     * Writes records exactly as the list endpoint returned them (one or more pages; the caller counts pages
     * in {@link SyncRun#pages}), in one transaction: records
     * whose content changed (or are new) are upserted with all their child rows, unchanged records are not
     * touched, and every id counts as seen by this run (for deletions when it completes). A record the mirror
     * cannot store goes to sync_rejects instead and counts as seen too; the others are still written. The
     * records come mapped already (the route's map step, {@link RecordMapping}).
     */
    void write(SyncRun run, MappedBatch batch);

    /** {@link #write(SyncRun, MappedBatch)} for records not mapped yet: maps them as the route's map step does. */
    default void write(SyncRun run, List<JsonNode> records) {
        write(run, RecordMapping.of(run.stream(), records));
    }

    /** Distinct record ids this run has seen so far, for the drift guard. */
    long distinctSeen(SyncRun run);

    /** Forgets what this run has seen, before the stream is walked again. */
    void resetSeen(SyncRun run);

    /**
     * Ids of live rows this run has not seen (yet), in id order, at most limit of them: after a complete walk,
     * the candidates for deletion, which the API is asked about before anything is deleted.
     */
    List<String> unseen(SyncRun run, int limit);

    /**
     * After a complete, drift-free pass: of the rows this run did not see, those proven gone are deleted (soft or
     * hard): the ids in gone, which the API answered 404 for, and those the previous complete pass missed too.
     * The rest are kept, and proven or seen by the next pass. Status 'success'.
     */
    SyncRun complete(SyncRun run, Collection<String> gone);

    /** Ends the run as 'failed', 'incomplete' or 'interrupted' with a reason; nothing is deleted. */
    SyncRun fail(SyncRun run, String status, String error);

    @Override
    void close();
}
