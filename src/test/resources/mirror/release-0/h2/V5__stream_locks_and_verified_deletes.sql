-- A run stopped by SIGTERM or Ctrl-C ends as 'interrupted'.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('running', 'success', 'failed', 'incomplete', 'abandoned', 'interrupted'));

-- H2 has no advisory locks: a stream's writer lock is its row here, locked FOR UPDATE by a transaction that
-- stays open for the run. A killed holder's connection ends, and its lock with it.
CREATE TABLE sync_lock_rows (
    stream VARCHAR(64) PRIMARY KEY
);

-- Who holds each stream's writer lock, for the message another process shows; a row left by a killed holder
-- is only stale information, never a lock.
CREATE TABLE sync_lock_holders (
    stream      VARCHAR(64) PRIMARY KEY,
    holder      VARCHAR(255) NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Records a complete pass did not see and could not confirm gone by a GET: deleted only when the next
-- complete pass misses them too.
CREATE TABLE sync_missing (
    stream      VARCHAR(64) NOT NULL,
    record_id   VARCHAR(255) NOT NULL,
    run_id      BIGINT NOT NULL,
    PRIMARY KEY (stream, record_id)
);
