-- klink-sync mirror schema: the fixed tables, one script for every vendor. Flyway applies it with the
-- placeholders of db/vendors/VENDOR.properties (${text}, ${timestamp}, ...); never run it by hand.
-- The stream tables (conversations, contacts, ... and their _history tables) are not here: StreamSchema
-- creates them from config/streams/*.stream.yaml when the mirror opens.

CREATE TABLE sync_runs (
    id           ${identity},
    stream       VARCHAR(64) NOT NULL,
    profile      VARCHAR(255),
    started_at   ${timestamp} NOT NULL,
    ended_at     ${timestamp},
    pages        BIGINT NOT NULL DEFAULT 0,
    records_seen BIGINT NOT NULL DEFAULT 0,
    inserted     BIGINT NOT NULL DEFAULT 0,
    updated      BIGINT NOT NULL DEFAULT 0,
    unchanged    BIGINT NOT NULL DEFAULT 0,
    deleted      BIGINT NOT NULL DEFAULT 0,
    status       VARCHAR(16) NOT NULL,
    error        ${text},
    CONSTRAINT sync_runs_status_check CHECK (status IN ('running', 'success', 'failed', 'incomplete', 'abandoned'))
) ${table_options};
CREATE INDEX sync_runs_stream_idx ON sync_runs (stream, status);

-- Ids seen by a run that is still going; emptied when the run ends.
CREATE TABLE sync_seen (
    run_id    BIGINT NOT NULL,
    record_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (run_id, record_id)
) ${table_options};
