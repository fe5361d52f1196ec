-- Reporting beyond the latest state (issue 16). The history tables (<table>_history) belong to the stream tables
-- and are created with them by StreamSchema; so is the contacts_wide view, which reads contacts.

-- The change log: what each run changed, written in the same transaction as the mirror rows it describes.
-- change_type is insert, update (changed_fields names the top-level fields that differ, sorted, comma-separated)
-- or delete (a delete the completing pass proved). Rows older than mirror.changes.keep-days are removed at the
-- end of a pass.
CREATE TABLE sync_changes (
    id             ${identity},
    run_id         BIGINT NOT NULL,
    stream         VARCHAR(64) NOT NULL,
    record_id      VARCHAR(255) NOT NULL,
    change_type    VARCHAR(8) NOT NULL,
    changed_fields ${text},
    changed_at     ${timestamp} NOT NULL
) ${table_options};
CREATE INDEX sync_changes_run_idx ON sync_changes (run_id, stream);
CREATE INDEX sync_changes_at_idx ON sync_changes (changed_at);

-- The typed columns of contacts_wide, one per live custom field (not archived, not deleted), in field id order.
-- column_name comes from system_name (lower case letters, digits and _, at most 60 characters, a _2, _3 ...
-- suffix against collisions); sql_type is text, numeric or date. Select fields are text: their options are in
-- contact_field_options (field_id).
CREATE TABLE contacts_wide_columns (
    column_name  VARCHAR(64) NOT NULL PRIMARY KEY,
    field_id     VARCHAR(255) NOT NULL,
    system_name  VARCHAR(255) NOT NULL,
    display_name ${text},
    field_type   VARCHAR(255),
    sql_type     VARCHAR(16) NOT NULL,
    position     INTEGER NOT NULL
) ${table_options};

-- Custom field values that do not cast to their column's type: NULL in contacts_wide, and a row here.
CREATE TABLE custom_field_cast_errors (
    contact_id    VARCHAR(255) NOT NULL,
    system_name   VARCHAR(255) NOT NULL,
    column_name   VARCHAR(64) NOT NULL,
    raw_value     ${text},
    expected_type VARCHAR(16) NOT NULL,
    found_at      ${timestamp} NOT NULL,
    PRIMARY KEY (contact_id, system_name)
) ${table_options};
