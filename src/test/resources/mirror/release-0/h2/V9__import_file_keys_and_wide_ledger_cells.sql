-- import_keys: the keys (id, primary email, primary phone) of the rows of a file being planned, so that a key
-- used twice in one file is found with one look-up per batch instead of by holding every key of the file in
-- memory. scope is the import run id, or a dry run's own negative number; rows are deleted once the file is
-- planned. key_hash is the SHA-256 (hex) of the key: a key can be as long as a cell, longer than an index allows.
-- key_hash leads the primary key: H2 looks a batch's `key_hash IN (...)` up in an index only on its first
-- column (with scope first it read the whole scope for every batch). The scope index serves the delete.
-- The ledger's text columns need no widening here: CHARACTER VARYING holds far more than a contact's cells.
CREATE TABLE import_keys (
    scope         BIGINT NOT NULL,
    key_hash      VARCHAR(64) NOT NULL,
    line_number   BIGINT NOT NULL,
    record_number BIGINT NOT NULL,
    PRIMARY KEY (key_hash, scope)
);
CREATE INDEX import_keys_scope_idx ON import_keys (scope);
