package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.MirrorVendor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Puts contacts and contact fields straight into a migrated test mirror, as a finished sync would have. */
final class MirrorFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MirrorDatabase db;

    MirrorFixture(MirrorDatabase db) {
        this.db = db;
    }

    void contact(String json) throws Exception {
        JsonNode c = JSON.readTree(json);
        String id = c.path("id").asText();
        try (Connection conn = db.dataSource().getConnection()) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO contacts (id, name, raw_json, content_hash,"
                    + " first_seen_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, c.path("name").asText());
                ps.setString(3, c.toString());
                ps.setString(4, "0".repeat(64));
                setNow(ps, 5);
                setNow(ps, 6);
                ps.executeUpdate();
            }
            int i = 0;
            for (JsonNode e : c.path("email")) {
                insertChild(conn, "contact_emails", "email", id, e.path("email").asText(), e.path("isPrimary").asBoolean(), i++);
            }
            i = 0;
            for (JsonNode p : c.path("phone")) {
                insertChild(conn, "contact_phones", "phone", id, p.path("phone").asText(), p.path("isPrimary").asBoolean(), i++);
            }
        }
    }

    void field(String json) throws Exception {
        JsonNode f = JSON.readTree(json);
        try (Connection conn = db.dataSource().getConnection();
             PreparedStatement ps = conn.prepareStatement("INSERT INTO contact_fields (id, system_name, type, is_required,"
                     + " raw_json, content_hash, first_seen_at, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.path("id").asText());
            ps.setString(2, f.path("system_name").asText());
            ps.setString(3, f.path("type").asText());
            ps.setBoolean(4, f.path("is_required").asBoolean());
            ps.setString(5, f.toString());
            ps.setString(6, "0".repeat(64));
            setNow(ps, 7);
            setNow(ps, 8);
            ps.executeUpdate();
        }
    }

    /** A successful contacts sync that ended now, so import does not ask for a fresh one. */
    void syncedNow() throws SQLException {
        try (Connection conn = db.dataSource().getConnection();
             PreparedStatement ps = conn.prepareStatement("INSERT INTO sync_runs (stream, started_at, ended_at, status)"
                     + " VALUES ('contacts', ?, ?, 'success')")) {
            setNow(ps, 1);
            setNow(ps, 2);
            ps.executeUpdate();
        }
    }

    private void insertChild(Connection conn, String table, String column, String id, String value, boolean primary,
                             int position) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (contact_id, " + column
                + ", is_primary, position) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, value);
            ps.setBoolean(3, primary);
            ps.setInt(4, position);
            ps.executeUpdate();
        }
    }

    private void setNow(PreparedStatement ps, int index) throws SQLException {
        Instant now = Instant.now();
        if (db.vendor() == MirrorVendor.MARIADB) {
            ps.setObject(index, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        } else {
            ps.setObject(index, now.atOffset(ZoneOffset.UTC));
        }
    }
}
