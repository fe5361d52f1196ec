-- Contacts import ledger. One import_runs row per run of `klink-sync import` on a file, one import_rows row per
-- data row of that file. The plan (action, request body) is written before anything is sent, and each row's
-- status moves planned -> sending -> done | failed | unknown, so a run killed at any point can be resumed (same
-- file sha256) without resending finished rows or creating duplicates. Cells are quoted whole in match_key and
-- changes, so those are ${long_text} (LONGTEXT on MariaDB, where TEXT holds only 64 KB).
CREATE TABLE import_runs (
    id            ${identity},
    file_name     ${long_text} NOT NULL,
    file_sha256   CHAR(64) NOT NULL,
    mode          VARCHAR(16) NOT NULL,
    profile       VARCHAR(255),
    started_at    ${timestamp} NOT NULL,
    ended_at      ${timestamp},
    status        VARCHAR(16) NOT NULL,
    rows_total    BIGINT NOT NULL DEFAULT 0,
    rows_created  BIGINT NOT NULL DEFAULT 0,
    rows_updated  BIGINT NOT NULL DEFAULT 0,
    rows_unchanged BIGINT NOT NULL DEFAULT 0,
    rows_invalid  BIGINT NOT NULL DEFAULT 0,
    rows_failed   BIGINT NOT NULL DEFAULT 0,
    error         ${long_text},
    CONSTRAINT import_runs_status_check CHECK (status IN ('planning', 'sending', 'success', 'partial', 'failed'))
) ${table_options};
CREATE INDEX import_runs_sha_idx ON import_runs (file_sha256, status);

CREATE TABLE import_rows (
    run_id       BIGINT NOT NULL,
    ${row_number} BIGINT NOT NULL,
    match_key    ${long_text},
    action       VARCHAR(16) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    contact_id   VARCHAR(255),
    error        ${long_text},
    request_body ${long_text},
    changes      ${long_text},
    http_status  INTEGER,
    updated_at   ${timestamp} NOT NULL,
    PRIMARY KEY (run_id, ${row_number}),
    CONSTRAINT import_rows_action_check CHECK (action IN ('create', 'update', 'unchanged', 'invalid')),
    CONSTRAINT import_rows_status_check CHECK (status IN ('planned', 'sending', 'done', 'failed', 'unknown'))
) ${table_options};
CREATE INDEX import_rows_status_idx ON import_rows (run_id, status);
