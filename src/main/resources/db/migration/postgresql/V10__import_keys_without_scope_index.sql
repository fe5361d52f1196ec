-- A planned file's keys are forgotten in slices of key_hash (ImportLedger.forgetKeys), which the primary key
-- (key_hash, scope) serves; with this index H2 chose it instead and read every key of the scope for each slice.
DROP INDEX import_keys_scope_idx;
