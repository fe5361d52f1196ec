package io.klinksync.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.mirror.MirrorJdbc;
import io.klinksync.mirror.MirrorJdbc.Binder;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.mirror.SyncRun;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The contacts side of the mirror as import and export read it: existing contacts by id, email or phone
 * (raw_json, the record exactly as the API listed it), the contact fields, how fresh the contacts are, and a
 * streamed walk over every live contact for export.
 */
public final class MirrorContacts implements ContactDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MirrorJdbc jdbc;
    private final MirrorVendor vendor;

    public MirrorContacts(DataSource dataSource, MirrorVendor vendor) {
        this.jdbc = new MirrorJdbc(dataSource, vendor);
        this.vendor = vendor;
    }

    @Override
    public Optional<JsonNode> byId(String id) {
        return contacts("SELECT raw_json FROM contacts WHERE id = ? AND deleted_at IS NULL", id).stream().findFirst();
    }

    /** email_key is the database's lower case of the email, or where the writer fills it (SQLite), Java's. */
    @Override
    public List<JsonNode> byEmail(String email) {
        boolean folded = vendor.writerFolds();
        return contacts("SELECT c.raw_json FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN"
                + " (SELECT e.contact_id FROM contact_emails e WHERE e.email_key = " + (folded ? "?" : "LOWER(?)")
                + ") ORDER BY c.id", folded ? MirrorVendor.fold(email) : email);
    }

    @Override
    public List<JsonNode> byPhone(String phone) {
        return contacts("SELECT c.raw_json FROM contacts c WHERE c.deleted_at IS NULL AND c.id IN"
                + " (SELECT p.contact_id FROM contact_phones p WHERE p.phone = ?) ORDER BY c.id", phone);
    }

    /** The contact fields the last sync saw (deleted ones left out). */
    public ContactFieldCatalog fields() {
        return ContactFieldCatalog.fromJson(jdbc.query("read the contact fields",
                "SELECT raw_json FROM contact_fields WHERE deleted_at IS NULL ORDER BY system_name", Binder.NONE,
                MirrorContacts::rawJson));
    }

    public long liveContacts() {
        return jdbc.query("count contacts", "SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL", Binder.NONE,
                rs -> rs.getLong(1)).get(0);
    }

    /** End of the newest successful contacts sync, or null when there never was one. */
    public Instant lastContactsSync() {
        return jdbc.lastRunEnded("contacts", "success");
    }

    /** End of the newest refresh of named contacts (StreamSync.refresh), or null. */
    public Instant lastContactsRefresh() {
        return jdbc.lastRunEnded("contacts", SyncRun.REFRESHED);
    }

    private List<JsonNode> contacts(String sql, String parameter) {
        return jdbc.query("look up contacts", sql, ps -> ps.setString(1, parameter), MirrorContacts::rawJson);
    }

    private static JsonNode rawJson(ResultSet row) throws SQLException {
        String json = row.getString(1);
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The mirror holds a raw_json that is not JSON (" + e.getOriginalMessage()
                    + "); run a contacts sync to rewrite it.", e);
        }
    }
}
