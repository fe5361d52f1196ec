-- import_keys: the keys (id, primary email, primary phone) of the rows of a file being planned, so that a key
-- used twice in one file is found with one look-up per batch instead of by holding every key of the file in
-- memory. scope is the import run id, or a dry run's own negative number; rows are deleted once the file is
-- planned. key_hash is the SHA-256 (hex) of the key: a key can be as long as a cell, longer than an index allows.
-- key_hash leads the primary key: H2 looks a batch's `key_hash IN (...)` up in an index only on its first
-- column (with scope first it read the whole scope for every batch). The scope index serves the delete.
CREATE TABLE import_keys (
    scope         BIGINT NOT NULL,
    key_hash      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    line_number   BIGINT NOT NULL,
    record_number BIGINT NOT NULL,
    PRIMARY KEY (key_hash, scope)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX import_keys_scope_idx ON import_keys (scope);

-- TEXT holds 64 KB, so a row with a longer cell (quoted whole in match_key and changes) failed on MariaDB alone;
-- LONGTEXT, as request_body already is, holds what PostgreSQL's TEXT and H2's CHARACTER VARYING hold.
ALTER TABLE import_rows MODIFY match_key LONGTEXT, MODIFY error LONGTEXT, MODIFY changes LONGTEXT;
ALTER TABLE import_runs MODIFY file_name LONGTEXT NOT NULL, MODIFY error LONGTEXT;
