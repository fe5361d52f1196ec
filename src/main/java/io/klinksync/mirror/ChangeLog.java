package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * sync_changes: what each run changed, one row per inserted, updated or deleted record, in the transaction that
 * made the change. An update names the top-level fields whose JSON differs; a record that comes back after a
 * delete is an insert again.
 */
final class ChangeLog {

    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DELETE = "delete";
    private static final List<String> COLUMNS = List.of("run_id", "stream", "record_id", "change_type", "changed_fields",
            "changed_at");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MirrorVendor vendor;

    ChangeLog(MirrorVendor vendor) {
        this.vendor = vendor;
    }

    /**
     * Logs the written records; call it before their rows are overwritten (it reads the stored JSON of updated
     * ones). reappeared: changed records whose row was deleted. Answers {inserts, updates} logged.
     */
    int[] written(Connection c, PostgresCopy copy, SyncRun run, MirrorTable parent, List<MappedRecord> fresh,
                  List<MappedRecord> changed, Collection<String> reappeared, Instant now) throws SQLException {
        Map<String, String> before = storedJson(c, parent, changed.stream().map(MappedRecord::id)
                .filter(id -> !reappeared.contains(id)).toList());
        int inserts = 0;
        int updates = 0;
        try (PreparedStatement insert = copy == null ? c.prepareStatement(insertSql()) : null) {
            for (MappedRecord record : fresh) {
                add(copy, insert, run, record.id(), INSERT, null, now);
                inserts++;
            }
            for (MappedRecord record : changed) {
                String old = before.get(record.id());
                if (old == null) {
                    add(copy, insert, run, record.id(), INSERT, null, now);
                    inserts++;
                } else {
                    add(copy, insert, run, record.id(), UPDATE, changedFields(old, record), now);
                    updates++;
                }
            }
            if (copy != null) {
                copy.load("sync_changes", COLUMNS);
            } else if (inserts + updates > 0) {
                insert.executeBatch();
            }
        }
        return new int[]{inserts, updates};
    }

    /** Logs the rows the completing pass deletes; before {@link DeleteDetection#apply}. */
    long deleted(Connection c, DeleteDetection deletes, MirrorTable parent, SyncRun run, Collection<String> gone,
                 Instant now) throws SQLException {
        return deletes.forProven(c, parent, run, gone, "INSERT INTO sync_changes (" + String.join(", ", COLUMNS)
                + ") SELECT ?, ?, " + parent.name() + ".id, '" + DELETE + "', NULL, ?", List.of(run.id(), run.stream(), now), "");
    }

    /** Retention: removes change rows logged before the cutoff. */
    void prune(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_changes WHERE changed_at < ?")) {
            vendor.bindInstant(delete, 1, cutoff);
            delete.executeUpdate();
        }
    }

    private void add(PostgresCopy copy, PreparedStatement insert, SyncRun run, String id, String change, String fields,
                     Instant now) throws SQLException {
        if (copy != null) {
            copy.add(new Object[]{run.id(), run.stream(), id, change, fields, now});
            return;
        }
        insert.setLong(1, run.id());
        insert.setString(2, run.stream());
        insert.setString(3, id);
        insert.setString(4, change);
        insert.setString(5, fields);
        vendor.bindInstant(insert, 6, now);
        insert.addBatch();
    }

    private static String insertSql() {
        return "INSERT INTO sync_changes (" + String.join(", ", COLUMNS) + ") VALUES ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
    }

    private Map<String, String> storedJson(Connection c, MirrorTable parent, List<String> ids) throws SQLException {
        Map<String, String> json = new HashMap<>();
        for (List<String> chunk : InLists.chunks(ids)) {
            try (PreparedStatement select = c.prepareStatement("SELECT id, raw_json FROM " + parent.name() + " WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        json.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return json;
    }

    /** The top-level fields whose values differ, sorted and comma-separated. */
    static String changedFields(String oldJson, MappedRecord record) {
        try {
            JsonNode old = JSON.readTree(oldJson);
            JsonNode now = JSON.readTree(record.rawJsonUtf8());
            TreeSet<String> fields = new TreeSet<>();
            for (JsonNode side : List.of(old, now)) {
                Iterator<String> names = side.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (!old.path(name).equals(now.path(name))) {
                        fields.add(name);
                    }
                }
            }
            return String.join(",", fields);
        } catch (IOException e) {
            throw new MirrorException("The stored raw_json of record " + record.id() + " is not JSON (" + e.getMessage()
                    + "); the mirror's rows are written only by klink-sync, so check what else writes to it.", e);
        }
    }
}
