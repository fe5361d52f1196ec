-- Reporting beyond the latest state (issue 16): history, the change log and typed custom-field columns.
-- History (mirror.history): one row per version of a record in <table>_history, valid from valid_from until
-- valid_to (NULL: the current version). A version opens when the record's content_hash changes and closes when
-- it changes again or a complete pass proves it deleted. run_id is the sync_runs row that saw the version.
-- Child tables are versioned too: their rows could be rebuilt from the version's raw_json, but H2 has no JSON
-- table functions, and "contacts per tag as of a date" must run as the same SQL on all three databases.

CREATE TABLE conversations_history (
    id                VARCHAR(255) NOT NULL,
    contact_id        VARCHAR(255),
    group_id          VARCHAR(255),
    pinned_message_id VARCHAR(255),
    is_pinned         BOOLEAN,
    is_muted          BOOLEAN,
    last_active_at    TIMESTAMPTZ,
    last_opened_at    TIMESTAMPTZ,
    created_at        TIMESTAMPTZ,
    archived_at       TIMESTAMPTZ,
    raw_json          TEXT NOT NULL,
    content_hash      CHAR(64) NOT NULL,
    valid_from        TIMESTAMPTZ NOT NULL,
    valid_to          TIMESTAMPTZ,
    run_id            BIGINT NOT NULL,
    PRIMARY KEY (id, valid_from)
);

CREATE INDEX conversations_history_valid_idx ON conversations_history (valid_from, valid_to);

CREATE TABLE chat_groups_history (
    id              VARCHAR(255) NOT NULL,
    name            TEXT,
    description     TEXT,
    avatar_url      TEXT,
    conversation_id VARCHAR(255),
    created_at      TIMESTAMPTZ,
    archived_at     TIMESTAMPTZ,
    raw_json        TEXT NOT NULL,
    content_hash    CHAR(64) NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ,
    run_id          BIGINT NOT NULL,
    PRIMARY KEY (id, valid_from)
);

CREATE INDEX chat_groups_history_valid_idx ON chat_groups_history (valid_from, valid_to);

CREATE TABLE contacts_history (
    id           VARCHAR(255) NOT NULL,
    name         TEXT,
    address      TEXT,
    channel      VARCHAR(255),
    notes        TEXT,
    avatar_url   TEXT,
    company_id   VARCHAR(255),
    raw_json     TEXT NOT NULL,
    content_hash CHAR(64) NOT NULL,
    valid_from   TIMESTAMPTZ NOT NULL,
    valid_to     TIMESTAMPTZ,
    run_id       BIGINT NOT NULL,
    PRIMARY KEY (id, valid_from)
);

CREATE INDEX contacts_history_valid_idx ON contacts_history (valid_from, valid_to);

CREATE TABLE contact_groups_history (
    id           VARCHAR(255) NOT NULL,
    value        TEXT,
    label        TEXT,
    is_default   BOOLEAN,
    raw_json     TEXT NOT NULL,
    content_hash CHAR(64) NOT NULL,
    valid_from   TIMESTAMPTZ NOT NULL,
    valid_to     TIMESTAMPTZ,
    run_id       BIGINT NOT NULL,
    PRIMARY KEY (id, valid_from)
);

CREATE INDEX contact_groups_history_valid_idx ON contact_groups_history (valid_from, valid_to);

CREATE TABLE contact_fields_history (
    id           VARCHAR(255) NOT NULL,
    system_name  VARCHAR(255),
    display_name TEXT,
    type         VARCHAR(255),
    is_default   BOOLEAN,
    is_archived  BOOLEAN,
    is_required  BOOLEAN,
    is_unique    BOOLEAN,
    raw_json     TEXT NOT NULL,
    content_hash CHAR(64) NOT NULL,
    valid_from   TIMESTAMPTZ NOT NULL,
    valid_to     TIMESTAMPTZ,
    run_id       BIGINT NOT NULL,
    PRIMARY KEY (id, valid_from)
);

CREATE INDEX contact_fields_history_valid_idx ON contact_fields_history (valid_from, valid_to);


-- Child rows of each version, keyed to it by (parent id, valid_from); a version's validity is its parent row's.

CREATE TABLE group_members_history (
    group_id   VARCHAR(255) NOT NULL,
    member_key VARCHAR(255) NOT NULL,
    contact_id VARCHAR(255),
    username   TEXT,
    raw_json   TEXT,
    valid_from TIMESTAMPTZ NOT NULL
);

CREATE INDEX group_members_history_version_idx ON group_members_history (group_id, valid_from);

CREATE TABLE contact_emails_history (
    contact_id VARCHAR(255) NOT NULL,
    email      VARCHAR(255) NOT NULL,
    is_primary BOOLEAN,
    position   INTEGER,
    valid_from TIMESTAMPTZ NOT NULL
);

CREATE INDEX contact_emails_history_version_idx ON contact_emails_history (contact_id, valid_from);

CREATE TABLE contact_phones_history (
    contact_id VARCHAR(255) NOT NULL,
    phone      VARCHAR(255) NOT NULL,
    is_primary BOOLEAN,
    position   INTEGER,
    valid_from TIMESTAMPTZ NOT NULL
);

CREATE INDEX contact_phones_history_version_idx ON contact_phones_history (contact_id, valid_from);

CREATE TABLE contact_tags_history (
    contact_id VARCHAR(255) NOT NULL,
    tag_id     VARCHAR(255) NOT NULL,
    tag_name   TEXT,
    valid_from TIMESTAMPTZ NOT NULL
);

CREATE INDEX contact_tags_history_version_idx ON contact_tags_history (contact_id, valid_from);

CREATE TABLE contact_custom_field_values_history (
    contact_id   VARCHAR(255) NOT NULL,
    system_name  VARCHAR(255) NOT NULL,
    display_name TEXT,
    type         VARCHAR(255),
    value        TEXT,
    valid_from   TIMESTAMPTZ NOT NULL
);

CREATE INDEX contact_custom_field_values_history_version_idx ON contact_custom_field_values_history (contact_id, valid_from);

CREATE TABLE contact_field_options_history (
    field_id   VARCHAR(255) NOT NULL,
    value      VARCHAR(255) NOT NULL,
    label      TEXT,
    is_default BOOLEAN,
    position   INTEGER,
    valid_from TIMESTAMPTZ NOT NULL
);

CREATE INDEX contact_field_options_history_version_idx ON contact_field_options_history (field_id, valid_from);


-- The change log: what each run changed, written in the same transaction as the mirror rows it describes.
-- change_type is insert, update (changed_fields names the top-level fields that differ, sorted, comma-separated)
-- or delete (a delete the completing pass proved). Rows older than mirror.changes.keep-days are removed at the
-- end of a pass.
CREATE TABLE sync_changes (
    id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    run_id         BIGINT NOT NULL,
    stream         VARCHAR(64) NOT NULL,
    record_id      VARCHAR(255) NOT NULL,
    change_type    VARCHAR(8) NOT NULL,
    changed_fields TEXT,
    changed_at     TIMESTAMPTZ NOT NULL
);
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
    display_name TEXT,
    field_type   VARCHAR(255),
    sql_type     VARCHAR(16) NOT NULL,
    position     INTEGER NOT NULL
);

-- Custom field values that do not cast to their column's type: NULL in contacts_wide, and a row here.
CREATE TABLE custom_field_cast_errors (
    contact_id    VARCHAR(255) NOT NULL,
    system_name   VARCHAR(255) NOT NULL,
    column_name   VARCHAR(64) NOT NULL,
    raw_value     TEXT,
    expected_type VARCHAR(16) NOT NULL,
    found_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (contact_id, system_name)
);

-- One row per contact with its scalar columns; the sync regenerates it with one typed column per custom field.
CREATE VIEW contacts_wide AS SELECT c.id, c.name, c.address, c.channel, c.notes, c.avatar_url, c.company_id,
    c.first_seen_at, c.synced_at, c.deleted_at FROM contacts c;
