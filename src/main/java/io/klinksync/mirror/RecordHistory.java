package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Type 2 history: every table T of a stream has T_history. A written record (new or changed) opens a version,
 * valid from the write's instant, with its child rows; the version before it closes at the same instant. A
 * proven delete closes the open version. Unchanged records are not touched, so a re-sync without changes
 * writes no history row. Runs inside the caller's transaction, in the mirror's batch style (COPY on PostgreSQL).
 */
final class RecordHistory {

    private final MirrorVendor vendor;

    RecordHistory(MirrorVendor vendor) {
        this.vendor = vendor;
    }

    static String table(MirrorTable table) {
        return table.name() + "_history";
    }

    static List<String> childColumns(MirrorTable child) {
        List<String> columns = new ArrayList<>(child.columnNames());
        columns.add("valid_from");
        return columns;
    }

    /** copy is not null on PostgreSQL. changedIds: the written records that had a row before (open versions). */
    void write(Connection c, PostgresCopy copy, StreamTables tables, SyncRun run, List<MappedRecord> written,
               List<String> changedIds, Instant now) throws SQLException {
        if (written.isEmpty()) {
            return;
        }
        close(c, tables.parent(), changedIds, now);
        MirrorTable parent = tables.parent();
        copyParents(c, parent, run, written.stream().map(MappedRecord::id).toList());
        if (copy != null) {
            for (MirrorTable child : tables.children()) {
                for (MappedRecord record : written) {
                    for (Object[] row : record.children().getOrDefault(child, List.of())) {
                        copy.add(row, now);
                    }
                }
                copy.load(table(child), childColumns(child));
            }
            return;
        }
        for (MirrorTable child : tables.children()) {
            try (PreparedStatement insert = c.prepareStatement(insert(table(child), childColumns(child)))) {
                boolean any = false;
                for (MappedRecord record : written) {
                    for (Object[] row : record.children().getOrDefault(child, List.of())) {
                        vendor.bindInstant(insert, bind(insert, child.columns(), row), now);
                        insert.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    insert.executeBatch();
                }
            }
        }
    }

    /**
     * The new versions, copied by the database from the parent rows just written (valid_from is their synced_at):
     * raw_json, the bulk of a version, is then neither encoded nor sent a second time. The lookup is by primary
     * key, as the write's own lookup of stored hashes is.
     */
    private void copyParents(Connection c, MirrorTable parent, SyncRun run, List<String> ids) throws SQLException {
        String columns = String.join(", ", parent.columnNames()) + ", raw_json, content_hash";
        // A parameter in a select list needs its type on H2 and PostgreSQL; MariaDB has no CAST to BIGINT.
        String runId = vendor == MirrorVendor.MARIADB ? "?" : "CAST(? AS BIGINT)";
        for (List<String> chunk : InLists.chunks(ids)) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table(parent) + " (" + columns
                    + ", valid_from, run_id) SELECT " + columns + ", synced_at, " + runId + " FROM " + parent.name()
                    + " WHERE id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                insert.setLong(1, run.id());
                for (int i = 0; i < chunk.size(); i++) {
                    insert.setString(i + 2, chunk.get(i));
                }
                insert.executeUpdate();
            }
        }
    }

    /** Closes the open versions of the rows the completing pass deletes; before {@link DeleteDetection#apply}. */
    long closeDeleted(Connection c, DeleteDetection deletes, MirrorTable parent, SyncRun run, Collection<String> gone,
                      Instant now) throws SQLException {
        return deletes.forProven(c, parent, run, gone, "UPDATE " + table(parent) + " SET valid_to = ? WHERE valid_to IS NULL"
                + " AND id IN (SELECT " + parent.name() + ".id", List.of(now), ")");
    }

    private void close(Connection c, MirrorTable parent, List<String> ids, Instant now) throws SQLException {
        for (List<String> chunk : InLists.chunks(ids)) {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table(parent) + " SET valid_to = ? WHERE"
                    + " valid_to IS NULL AND id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                vendor.bindInstant(update, 1, now);
                for (int i = 0; i < chunk.size(); i++) {
                    update.setString(i + 2, chunk.get(i));
                }
                update.executeUpdate();
            }
        }
    }

    private int bind(PreparedStatement statement, List<Column> columns, Object[] row) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            vendor.bind(statement, i + 1, columns.get(i).type(), row[i]);
        }
        return columns.size() + 1;
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }
}
