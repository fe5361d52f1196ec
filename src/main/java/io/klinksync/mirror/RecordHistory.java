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

    static List<String> parentColumns(MirrorTable parent) {
        List<String> columns = new ArrayList<>(parent.columnNames());
        columns.addAll(List.of("raw_json", "content_hash", "valid_from", "valid_to", "run_id"));
        return columns;
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
        if (copy != null) {
            for (MappedRecord record : written) {
                copy.add(record.parent(), record.rawJsonUtf8(), record.contentHash(), now, null, run.id());
            }
            copy.load(table(parent), parentColumns(parent));
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
        try (PreparedStatement insert = c.prepareStatement(insert(table(parent), parentColumns(parent)))) {
            for (MappedRecord record : written) {
                int index = bind(insert, parent.columns(), record.parent());
                insert.setString(index++, record.rawJson());
                insert.setString(index++, record.contentHash());
                vendor.bindInstant(insert, index++, now);
                vendor.bindInstant(insert, index++, null);
                insert.setLong(index, run.id());
                insert.addBatch();
            }
            insert.executeBatch();
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

    /** Closes the open versions of the rows the completing pass deletes; before {@link DeleteDetection#apply}. */
    long closeDeleted(Connection c, DeleteDetection deletes, MirrorTable parent, SyncRun run, Collection<String> gone,
                      Instant now) throws SQLException {
        return deletes.forProven(c, parent, run, gone, "UPDATE " + table(parent) + " SET valid_to = ? WHERE valid_to IS NULL"
                + " AND id IN (SELECT " + parent.name() + ".id", List.of(now), ")");
    }

    private void close(Connection c, MirrorTable parent, List<String> ids, Instant now) throws SQLException {
        for (List<String> chunk : JdbcMirrorWriter.chunks(ids)) {
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
