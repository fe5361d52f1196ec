-- Records a pass could not store (a NUL character, which PostgreSQL text cannot hold; a value too long for its
-- column; no usable id). The rest of their batch is written and the run still succeeds, with sync_runs.rejected
-- counting them; the next pass tries them again. record_id is NULL when the record had no usable id, and holds a
-- NUL as the text \u0000; raw_json is the record's canonical JSON, in which a NUL is escaped the same way.
CREATE TABLE sync_rejects (
    id          ${identity},
    run_id      BIGINT NOT NULL,
    stream      VARCHAR(64) NOT NULL,
    record_id   ${text},
    reason      ${text} NOT NULL,
    raw_json    ${clob} NOT NULL,
    rejected_at ${timestamp} NOT NULL
) ${table_options};
CREATE INDEX sync_rejects_run_idx ON sync_rejects (run_id);
CREATE INDEX sync_rejects_stream_idx ON sync_rejects (stream, rejected_at);

ALTER TABLE sync_runs ADD COLUMN rejected BIGINT NOT NULL DEFAULT 0;
