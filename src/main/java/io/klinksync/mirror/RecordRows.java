package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a stream's records in the caller's transaction: the stored hashes of ids, new parent rows (COPY
 * on PostgreSQL, batched INSERTs elsewhere), changed parent rows, and the child rows of both.
 */
final class RecordRows {

    /** A parent row as the lookup found it: its content hash, and whether it is soft-deleted. */
    record Stored(String hash, boolean deleted) {
    }

    private final MirrorVendor vendor;
    private final MirrorSql sql;

    RecordRows(MirrorVendor vendor) {
        this.vendor = vendor;
        this.sql = new MirrorSql(vendor);
    }

    /** The stored rows of those ids that have one. */
    Map<String, Stored> stored(Connection c, MirrorTable parent, Collection<String> ids) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        for (List<String> chunk : InLists.chunks(ids)) {
            try (PreparedStatement select = c.prepareStatement(sql.existing(parent, chunk.size()))) {
                bindIds(select, chunk);
                readStored(select, stored);
            }
        }
        return stored;
    }

    /** Rows of (id, content_hash, deleted_at) into stored. */
    private static void readStored(PreparedStatement select, Map<String, Stored> stored) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                String hash = rows.getString(2);
                rows.getObject(3);
                stored.put(id, new Stored(hash, !rows.wasNull()));
            }
        }
    }

    /**
     * PostgreSQL: {@link #stored} of a batch's records, marking those found unchanged (same hash, not deleted)
     * seen by the run in the same statement (MirrorSql#existingMarkingSeen).
     */
    Map<String, Stored> storedMarkingSeen(Connection c, SyncRun run, MirrorTable parent,
                                          Collection<MappedRecord> records) throws SQLException {
        String[] ids = new String[records.size()];
        String[] hashes = new String[records.size()];
        int i = 0;
        for (MappedRecord record : records) {
            ids[i] = record.id();
            hashes[i++] = record.contentHash();
        }
        Map<String, Stored> stored = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(sql.existingMarkingSeen(parent))) {
            select.setArray(1, c.createArrayOf("text", ids));
            select.setArray(2, c.createArrayOf("text", hashes));
            select.setLong(3, run.id());
            readStored(select, stored);
        }
        return stored;
    }

    /** Gives unchanged rows the records' current content hash, leaving every other column as it is. */
    void rehash(Connection c, MirrorTable parent, List<MappedRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE " + parent.name() + " SET content_hash = ? WHERE id = ?")) {
            for (MappedRecord record : records) {
                update.setString(1, record.contentHash());
                update.setString(2, record.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** copy is not null on PostgreSQL, and loads the rows; elsewhere they are batched INSERTs. */
    void insertParents(Connection c, PostgresCopy copy, MirrorTable parent, List<MappedRecord> records, Instant now)
            throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        if (copy != null) {
            for (MappedRecord record : records) {
                copy.add(record.parent(), record.rawJsonUtf8(), record.contentHash(), now, now, null);
            }
            copy.load(parent.name(), MirrorSql.parentColumns(parent));
            return;
        }
        List<Column> columns = parent.columns();
        try (PreparedStatement insert = c.prepareStatement(sql.insertParent(parent))) {
            for (MappedRecord record : records) {
                int index = bindRow(vendor, insert, 1, columns, record.parent());
                insert.setString(index++, record.rawJson());
                insert.setString(index++, record.contentHash());
                vendor.bindInstant(insert, index++, now);
                vendor.bindInstant(insert, index++, now);
                vendor.bindInstant(insert, index++, null);
                bindFolded(vendor, insert, index, parent, record.parent());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void updateParents(Connection c, MirrorTable parent, List<MappedRecord> records, Instant now) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        List<Column> columns = parent.columns();
        try (PreparedStatement update = c.prepareStatement(sql.updateParent(parent))) {
            for (MappedRecord record : records) {
                int index = 1;
                for (int i = 1; i < columns.size(); i++) {
                    vendor.bind(update, index++, columns.get(i).type(), record.parent()[i]);
                }
                update.setString(index++, record.rawJson());
                update.setString(index++, record.contentHash());
                vendor.bindInstant(update, index++, now);
                vendor.bindInstant(update, index++, null);
                index = bindFolded(vendor, update, index, parent, record.parent());
                update.setString(index, record.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Children of changed records are deleted and all written records' children inserted; new ones have none yet. */
    void replaceChildren(Connection c, PostgresCopy copy, StreamTables tables, List<MappedRecord> records,
                         List<MappedRecord> changed) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        List<String> changedIds = changed.stream().map(MappedRecord::id).toList();
        for (MirrorTable child : tables.children()) {
            for (List<String> chunk : InLists.chunks(changedIds)) {
                try (PreparedStatement delete = c.prepareStatement(sql.deleteChildren(child, chunk.size()))) {
                    bindIds(delete, chunk);
                    delete.executeUpdate();
                }
            }
            if (copy != null) {
                for (MappedRecord record : records) {
                    for (Object[] row : record.children().getOrDefault(child, List.of())) {
                        copy.add(row);
                    }
                }
                copy.load(child.name(), child.columnNames());
                continue;
            }
            try (PreparedStatement insert = c.prepareStatement(sql.insertChild(child))) {
                boolean any = false;
                for (MappedRecord record : records) {
                    for (Object[] row : record.children().getOrDefault(child, List.of())) {
                        bindFolded(vendor, insert, bindRow(vendor, insert, 1, child.columns(), row), child, row);
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

    /** Binds a row's values from parameter first on, each as its column's type; answers the next index. */
    static int bindRow(MirrorVendor vendor, PreparedStatement statement, int first, List<Column> columns, Object[] row)
            throws SQLException {
        int index = first;
        for (int i = 0; i < columns.size(); i++) {
            vendor.bind(statement, index++, columns.get(i).type(), row[i]);
        }
        return index;
    }

    /**
     * Where the writer fills lower-of columns (SQLite), binds the lower case of each one's source value from
     * parameter first on, in the order of MirrorSql#folded; answers the next index.
     */
    static int bindFolded(MirrorVendor vendor, PreparedStatement statement, int first, MirrorTable table, Object[] row)
            throws SQLException {
        int index = first;
        if (vendor.writerFolds()) {
            for (MirrorTable.Folded folded : table.folded()) {
                statement.setString(index++, MirrorVendor.fold(row[folded.source()]));
            }
        }
        return index;
    }

    /** Binds the ids of an IN list from the first parameter on. */
    static void bindIds(PreparedStatement statement, List<String> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setString(i + 1, ids.get(i));
        }
    }
}
