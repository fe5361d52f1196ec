package io.klinksync.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.mirror.SyncRun;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The contacts side of the mirror as import and export read it: existing contacts by id, email or phone
 * (raw_json, the record exactly as the API listed it), the contact fields, how fresh the contacts are, and a
 * streamed walk over every live contact for export.
 */
public final class MirrorContacts implements ContactDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final MirrorVendor vendor;
    private final int fetchSize;

    public MirrorContacts(DataSource dataSource, MirrorVendor vendor, int fetchSize) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.fetchSize = fetchSize;
    }

    @Override
    public Optional<JsonNode> byId(String id) {
        return contacts("SELECT raw_json FROM contacts WHERE id = ? AND deleted_at IS NULL", id).stream().findFirst();
    }

    @Override
    public List<JsonNode> byEmail(String email) {
        return contacts("SELECT c.raw_json FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN"
                + " (SELECT e.contact_id FROM contact_emails e WHERE e.email_key = LOWER(?)) ORDER BY c.id", email);
    }

    @Override
    public List<JsonNode> byPhone(String phone) {
        return contacts("SELECT c.raw_json FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN"
                + " (SELECT p.contact_id FROM contact_phones p WHERE p.phone = ?) ORDER BY c.id", phone);
    }

    /** The contact fields the last sync saw (deleted ones left out). */
    public ContactFieldCatalog fields() {
        List<JsonNode> records = new ArrayList<>();
        each("SELECT raw_json FROM contact_fields WHERE deleted_at IS NULL ORDER BY system_name", records::add);
        return ContactFieldCatalog.fromJson(records);
    }

    public long liveContacts() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count contacts", e);
        }
    }

    /** End of the newest successful contacts sync, or null when there never was one. */
    public Instant lastContactsSync() {
        return lastContactsRun("success");
    }

    /** End of the newest refresh of named contacts (StreamSync.refresh), or null. */
    public Instant lastContactsRefresh() {
        return lastContactsRun(SyncRun.REFRESHED);
    }

    private Instant lastContactsRun(String status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(ended_at) FROM sync_runs WHERE stream = 'contacts'"
                     + " AND status = ?")) {
            ps.setString(1, status);
            ResultSet rs = ps.executeQuery();
            rs.next();
            if (vendor == MirrorVendor.MARIADB) {
                LocalDateTime t = rs.getObject(1, LocalDateTime.class);
                return t == null ? null : t.toInstant(ZoneOffset.UTC);
            }
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        } catch (SQLException e) {
            throw failure("read the last contacts sync", e);
        }
    }

    /** Streams every live contact (raw_json) in id order, fetchSize rows at a time. */
    public void eachContact(Consumer<JsonNode> consumer) {
        each("SELECT raw_json FROM contacts WHERE deleted_at IS NULL ORDER BY id", consumer);
    }

    private void each(String sql, Consumer<JsonNode> consumer) {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL only streams with a fetch size inside a transaction; the others ignore this.
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(parse(rs.getString(1)));
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("read the mirror", e);
        }
    }

    private List<JsonNode> contacts(String sql, String parameter) {
        List<JsonNode> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(parse(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw failure("look up contacts", e);
        }
        return found;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The mirror holds a raw_json that is not JSON (" + e.getOriginalMessage()
                    + "); run a contacts sync to rewrite it.", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " in the mirror database: " + e.getMessage()
                + ". Check mirror.jdbc.url and that the mirror was created by klink-sync.", e);
    }
}
