package io.klinksync.status;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** What `klink-sync status` shows, read from the mirror: the shape of its --json output too. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusReport(String mirror, String profile, Instant generatedAt, List<StreamStatus> streams,
                           List<ImportRun> imports, Rejects rejects, Cluster cluster) {

    /** One stream: its freshness, who holds its writer lock, its recent runs (newest first). */
    public record StreamStatus(String stream, boolean offered, Freshness freshness, LockHolder lockHolder,
                               long missingRows, Long rejects, List<Run> runs) {
    }

    /** A sync_runs row; rejected is null where the mirror has no such column yet. */
    public record Run(long id, String status, Instant startedAt, Instant endedAt, long pages, long recordsSeen,
                      long inserted, long updated, long unchanged, long deleted, Long rejected, String error) {
    }

    /** A sync_lock_holders row: recorded by the holder, so it may outlive a killed one. */
    public record LockHolder(String holder, Instant acquiredAt) {
    }

    /** An import_runs row. */
    public record ImportRun(long id, String fileName, String mode, String status, Instant startedAt, Instant endedAt,
                            long rowsTotal, long created, long updated, long unchanged, long invalid, long failed,
                            String error) {
    }

    /** Whether the mirror records rejected records at all (a sync_rejects table), and if not, why not. */
    public record Rejects(boolean recorded, String note) {
    }

    /** Which nodes ran which streams (null when the mirror does not record nodes), and a note on the mode. */
    public record Cluster(boolean clustered, List<Node> nodes, String note) {
    }

    /** A process that ran streams (host:pid), the streams it ran, and when it last began a run. */
    public record Node(String name, Instant lastSeenAt, List<String> streams) {
    }
}
