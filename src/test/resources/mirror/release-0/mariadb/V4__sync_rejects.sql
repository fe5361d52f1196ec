-- Records a pass could not store (a value too long for its column, a string the column cannot hold; no usable
-- id). The rest of their batch is written and the run still succeeds, with sync_runs.rejected counting them; the
-- next pass tries them again. record_id is NULL when the record had no usable id; rejected_at is UTC, as in V1.
CREATE TABLE sync_rejects (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    run_id      BIGINT NOT NULL,
    stream      VARCHAR(64) NOT NULL,
    record_id   TEXT,
    reason      TEXT NOT NULL,
    raw_json    LONGTEXT NOT NULL,
    rejected_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX sync_rejects_run_idx ON sync_rejects (run_id);
CREATE INDEX sync_rejects_stream_idx ON sync_rejects (stream, rejected_at);

ALTER TABLE sync_runs ADD COLUMN rejected BIGINT NOT NULL DEFAULT 0;
