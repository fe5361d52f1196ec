package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Where a sync pass writes: the relational mirror (JDBC) or the CSV mirror. One instance serves every
 * stream of the process and may be called from several threads at once (pages are written concurrently).
 */
public interface MirrorWriter extends AutoCloseable {

    /** Starts one pass over one stream: a sync_runs row with status 'running'. */
    SyncRun begin(String stream, String profile);

    /**
     * Writes records exactly as the list endpoint returned them (one or more pages; the caller counts pages
     * in {@link SyncRun#pages}), in one transaction: records
     * whose content changed (or are new) are upserted with all their child rows, unchanged records are not
     * touched, and every id counts as seen by this run (for deletions when it completes). A record the mirror
     * cannot store goes to sync_rejects instead and counts as seen too; the others are still written.
     */
    void write(SyncRun run, List<JsonNode> records);

    /** Distinct record ids this run has seen so far, for the drift guard. */
    long distinctSeen(SyncRun run);

    /** Forgets what this run has seen, before the stream is walked again. */
    void resetSeen(SyncRun run);

    /** After a complete, drift-free pass: rows this run did not see are deleted (soft or hard); status 'success'. */
    SyncRun complete(SyncRun run);

    /** Ends the run as 'failed' or 'incomplete' with a reason; nothing is deleted. */
    SyncRun fail(SyncRun run, String status, String error);

    @Override
    void close();
}
