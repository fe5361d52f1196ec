-- klink-sync mirror schema, MariaDB/MySQL edition. Flyway applies it; never run it by hand.
-- Timestamps are DATETIME(6) holding UTC: the writer converts every instant to UTC before binding it, and
-- readers must treat these values as UTC (CONVERT_TZ(col, '+00:00', @@session.time_zone) for local time).
-- Every table is utf8mb4 with the utf8mb4_nopad_bin collation: ids and text compare byte-exactly and
-- case-sensitively, and trailing spaces count ('Aria ' <> 'Aria'). raw_json is LONGTEXT so any record fits.
-- No foreign keys: children are replaced by the writer inside the parent's transaction, and FK checks
-- would slow bulk loads.

CREATE TABLE conversations (
    id                VARCHAR(255) NOT NULL PRIMARY KEY,
    contact_id        VARCHAR(255),
    group_id          VARCHAR(255),
    pinned_message_id VARCHAR(255),
    is_pinned         BOOLEAN,
    is_muted          BOOLEAN,
    last_active_at    DATETIME(6),
    last_opened_at    DATETIME(6),
    created_at        DATETIME(6),
    archived_at       DATETIME(6),
    raw_json          LONGTEXT NOT NULL,
    content_hash      CHAR(64) NOT NULL,
    first_seen_at     DATETIME(6) NOT NULL,
    synced_at         DATETIME(6) NOT NULL,
    deleted_at        DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX conversations_contact_idx ON conversations (contact_id);
CREATE INDEX conversations_group_idx ON conversations (group_id);
CREATE INDEX conversations_active_idx ON conversations (last_active_at);

CREATE TABLE chat_groups (
    id              VARCHAR(255) NOT NULL PRIMARY KEY,
    name            TEXT,
    description     TEXT,
    avatar_url      TEXT,
    conversation_id VARCHAR(255),
    created_at      DATETIME(6),
    archived_at     DATETIME(6),
    raw_json        LONGTEXT NOT NULL,
    content_hash    CHAR(64) NOT NULL,
    first_seen_at   DATETIME(6) NOT NULL,
    synced_at       DATETIME(6) NOT NULL,
    deleted_at      DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE group_members (
    group_id   VARCHAR(255) NOT NULL,
    member_key VARCHAR(255) NOT NULL,
    contact_id VARCHAR(255),
    username   TEXT,
    raw_json   LONGTEXT NOT NULL,
    PRIMARY KEY (group_id, member_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX group_members_contact_idx ON group_members (contact_id);

CREATE TABLE contacts (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    name          TEXT,
    address       TEXT,
    channel       VARCHAR(255),
    notes         TEXT,
    avatar_url    TEXT,
    company_id    VARCHAR(255),
    raw_json      LONGTEXT NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    first_seen_at DATETIME(6) NOT NULL,
    synced_at     DATETIME(6) NOT NULL,
    deleted_at    DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX contacts_channel_idx ON contacts (channel);
CREATE INDEX contacts_company_idx ON contacts (company_id);

CREATE TABLE contact_emails (
    contact_id VARCHAR(255) NOT NULL,
    email      VARCHAR(320) NOT NULL,
    -- The address in lower case: the import matches contacts by email whatever its case, through this index.
    email_key  VARCHAR(320) AS (LOWER(email)) PERSISTENT,
    is_primary BOOLEAN,
    position   INTEGER NOT NULL,
    PRIMARY KEY (contact_id, email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX contact_emails_email_key_idx ON contact_emails (email_key);

CREATE TABLE contact_phones (
    contact_id VARCHAR(255) NOT NULL,
    phone      VARCHAR(255) NOT NULL,
    is_primary BOOLEAN,
    position   INTEGER NOT NULL,
    PRIMARY KEY (contact_id, phone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX contact_phones_phone_idx ON contact_phones (phone);

CREATE TABLE contact_tags (
    contact_id VARCHAR(255) NOT NULL,
    tag_id     VARCHAR(255) NOT NULL,
    tag_name   VARCHAR(1000),
    PRIMARY KEY (contact_id, tag_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX contact_tags_name_idx ON contact_tags (tag_name(255));

CREATE TABLE contact_custom_field_values (
    contact_id   VARCHAR(255) NOT NULL,
    system_name  VARCHAR(255) NOT NULL,
    display_name TEXT,
    type         VARCHAR(255),
    value        TEXT,
    PRIMARY KEY (contact_id, system_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE companies (
    id       VARCHAR(255) NOT NULL PRIMARY KEY,
    name     TEXT,
    phone    VARCHAR(255),
    address  TEXT,
    industry TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE contact_groups (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    value         TEXT,
    label         TEXT,
    is_default    BOOLEAN,
    raw_json      LONGTEXT NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    first_seen_at DATETIME(6) NOT NULL,
    synced_at     DATETIME(6) NOT NULL,
    deleted_at    DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE contact_fields (
    id            VARCHAR(255) NOT NULL PRIMARY KEY,
    system_name   VARCHAR(255),
    display_name  TEXT,
    type          VARCHAR(255),
    is_default    BOOLEAN,
    is_archived   BOOLEAN,
    is_required   BOOLEAN,
    is_unique     BOOLEAN,
    raw_json      LONGTEXT NOT NULL,
    content_hash  CHAR(64) NOT NULL,
    first_seen_at DATETIME(6) NOT NULL,
    synced_at     DATETIME(6) NOT NULL,
    deleted_at    DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX contact_fields_system_name_idx ON contact_fields (system_name);

CREATE TABLE contact_field_options (
    field_id   VARCHAR(255) NOT NULL,
    value      VARCHAR(255) NOT NULL,
    label      TEXT,
    is_default BOOLEAN,
    position   INTEGER NOT NULL,
    PRIMARY KEY (field_id, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE sync_runs (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    stream       VARCHAR(64) NOT NULL,
    profile      VARCHAR(255),
    started_at   DATETIME(6) NOT NULL,
    ended_at     DATETIME(6),
    pages        BIGINT NOT NULL DEFAULT 0,
    records_seen BIGINT NOT NULL DEFAULT 0,
    inserted     BIGINT NOT NULL DEFAULT 0,
    updated      BIGINT NOT NULL DEFAULT 0,
    unchanged    BIGINT NOT NULL DEFAULT 0,
    deleted      BIGINT NOT NULL DEFAULT 0,
    status       VARCHAR(16) NOT NULL,
    error        TEXT,
    CONSTRAINT sync_runs_status_check CHECK (status IN ('running', 'success', 'failed', 'incomplete', 'abandoned'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX sync_runs_stream_idx ON sync_runs (stream, status);

-- Ids seen by a run that is still going; emptied when the run ends.
CREATE TABLE sync_seen (
    run_id    BIGINT NOT NULL,
    record_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (run_id, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
