-- A run stopped by SIGTERM or Ctrl-C ends as 'interrupted'.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('running', 'success', 'failed', 'incomplete', 'abandoned', 'interrupted'));

-- Who holds each stream's writer lock, for the message another process shows. The lock itself is an advisory
-- lock; a row left by a killed holder is only stale information, never a lock.
CREATE TABLE sync_lock_holders (
    stream      VARCHAR(64) PRIMARY KEY,
    holder      VARCHAR(255) NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL
);

-- Records a complete pass did not see and could not confirm gone by a GET: deleted only when the next
-- complete pass misses them too.
CREATE TABLE sync_missing (
    stream      VARCHAR(64) NOT NULL,
    record_id   VARCHAR(255) NOT NULL,
    run_id      BIGINT NOT NULL,
    PRIMARY KEY (stream, record_id)
);
