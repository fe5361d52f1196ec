-- klink-sync mirror schema, H2 edition. Flyway applies it; never run it by hand.
-- Timestamps are TIMESTAMP WITH TIME ZONE holding UTC instants. Free text is CHARACTER VARYING without a
-- length limit (H2's maximum, 1,000,000 characters), raw_json too: a CLOB would put every record into H2's
-- separate LOB store, which made writes several times slower. VALUE is a keyword in H2: the mirror
-- opens H2 with NON_KEYWORDS=VALUE, and the column is quoted here so the script also runs without it.
-- No foreign keys: children are replaced by the writer inside the parent's transaction, and FK checks
-- would slow bulk loads.

CREATE TABLE conversations (
    id                VARCHAR(255) NOT NULL PRIMARY KEY,
    contact_id        VARCHAR(255),
    group_id          VARCHAR(255),
    pinned_message_id VARCHAR(255),
    is_pinned         BOOLEAN,
    is_muted          BOOLEAN,
    last_active_at    TIMESTAMP WITH TIME ZONE,
    last_opened_at    TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE,
    archived_at       TIMESTAMP WITH TIME ZONE,
    raw_json          CHARACTER VARYING NOT NULL,
    content_hash      CHAR(64) NOT NULL,
    first_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX conversations_contact_idx ON conversations (contact_id);
CREATE INDEX conversations_group_idx ON conversations (group_id);
CREATE INDEX conversations_active_idx ON conversations (last_active_at);

CREATE TABLE chat_groups (
    id              VARCHAR(255) NOT NULL PRIMARY KEY,
    name            VARCHAR,
    description     VARCHAR,
    avatar_url      VARCHAR,
    conversation_id VARCHAR(255),
    created_at      TIMESTAMP WITH TIME ZONE,
    archived_at     TIMESTAMP WITH TIME ZONE,
    raw_json        CHARACTER VARYING NOT NULL,
    content_hash    CHAR(64) NOT NULL,
    first_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE
);

CREATE TABLE group_members (
    group_id   VARCHAR(255) NOT NULL,
    member_key VARCHAR(255) NOT NULL,
    contact_id VARCHAR(255),
    username   VARCHAR,
    raw_json   CHARACTER VARYING NOT NULL,
    PRIMARY KEY (group_id, member_key)
);
CREATE INDEX group_members_contact_idx ON group_members (contact_id);

CREATE TABLE contacts (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    name          VARCHAR,
    address       VARCHAR,
    channel       VARCHAR(255),
    notes         VARCHAR,
    avatar_url    VARCHAR,
    company_id    VARCHAR(255),
    raw_json      CHARACTER VARYING NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX contacts_channel_idx ON contacts (channel);
CREATE INDEX contacts_company_idx ON contacts (company_id);

CREATE TABLE contact_emails (
    contact_id VARCHAR(255) NOT NULL,
    email      VARCHAR(320) NOT NULL,
    -- The address in lower case: the import matches contacts by email whatever its case, through this index.
    email_key  VARCHAR(320) GENERATED ALWAYS AS (LOWER(email)),
    is_primary BOOLEAN,
    position   INTEGER NOT NULL,
    PRIMARY KEY (contact_id, email)
);
CREATE INDEX contact_emails_email_key_idx ON contact_emails (email_key);

CREATE TABLE contact_phones (
    contact_id VARCHAR(255) NOT NULL,
    phone      VARCHAR(255) NOT NULL,
    is_primary BOOLEAN,
    position   INTEGER NOT NULL,
    PRIMARY KEY (contact_id, phone)
);
CREATE INDEX contact_phones_phone_idx ON contact_phones (phone);

CREATE TABLE contact_tags (
    contact_id VARCHAR(255) NOT NULL,
    tag_id     VARCHAR(255) NOT NULL,
    tag_name   VARCHAR(1000),
    PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX contact_tags_name_idx ON contact_tags (tag_name);

CREATE TABLE contact_custom_field_values (
    contact_id   VARCHAR(255) NOT NULL,
    system_name  VARCHAR(255) NOT NULL,
    display_name VARCHAR,
    type         VARCHAR(255),
    "VALUE"      VARCHAR,
    PRIMARY KEY (contact_id, system_name)
);

CREATE TABLE companies (
    id       VARCHAR(255) NOT NULL PRIMARY KEY,
    name     VARCHAR,
    phone    VARCHAR(255),
    address  VARCHAR,
    industry VARCHAR
);

CREATE TABLE contact_groups (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    "VALUE"       VARCHAR,
    label         VARCHAR,
    is_default    BOOLEAN,
    raw_json      CHARACTER VARYING NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE contact_fields (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    system_name   VARCHAR(255),
    display_name  VARCHAR,
    type          VARCHAR(255),
    is_default    BOOLEAN,
    is_archived   BOOLEAN,
    is_required   BOOLEAN,
    is_unique     BOOLEAN,
    raw_json      CHARACTER VARYING NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX contact_fields_system_name_idx ON contact_fields (system_name);

CREATE TABLE contact_field_options (
    field_id   VARCHAR(255) NOT NULL,
    "VALUE"    VARCHAR(255) NOT NULL,
    label      VARCHAR,
    is_default BOOLEAN,
    position   INTEGER NOT NULL,
    PRIMARY KEY (field_id, "VALUE")
);

CREATE TABLE sync_runs (
    id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    stream       VARCHAR(64) NOT NULL,
    profile      VARCHAR(255),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE,
    pages        BIGINT NOT NULL DEFAULT 0,
    records_seen BIGINT NOT NULL DEFAULT 0,
    inserted     BIGINT NOT NULL DEFAULT 0,
    updated      BIGINT NOT NULL DEFAULT 0,
    unchanged    BIGINT NOT NULL DEFAULT 0,
    deleted      BIGINT NOT NULL DEFAULT 0,
    status       VARCHAR(16) NOT NULL,
    error        VARCHAR,
    CONSTRAINT sync_runs_status_check CHECK (status IN ('running', 'success', 'failed', 'incomplete', 'abandoned'))
);
CREATE INDEX sync_runs_stream_idx ON sync_runs (stream, status);

-- Ids seen by a run that is still going; emptied when the run ends.
CREATE TABLE sync_seen (
    run_id    BIGINT NOT NULL,
    record_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (run_id, record_id)
);
