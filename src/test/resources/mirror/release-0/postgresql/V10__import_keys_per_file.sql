-- Each planned file's keys now have a table of their own (import_keys_RUN, import_keys_dry_N), created while it is
-- planned and dropped after: deleting a million-row file's keys from this shared table grew H2's file by
-- gigabytes. Its rows were only ever needed while a file was planned.
DROP TABLE import_keys;
