-- A planned file's keys are forgotten in slices of key_hash (ImportLedger.forgetKeys), which the primary key
-- (key_hash, scope) serves; with this index a database may choose it and read every key of the scope per slice.
DROP INDEX import_keys_scope_idx ON import_keys;
