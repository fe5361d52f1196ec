package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rows several records share, such as companies: upserted by key when missing or different from the stored
 * copy, never deleted, and an unchanged one not touched at all. A run remembers the rows it has written or found
 * stored as they are (bounded, {@link SyncRun#sharedKnown}), so a company on most pages is looked up once a run,
 * not once a batch, and a batch whose shared rows are all known needs no transaction for them.
 */
final class SharedRows {

    /** Shared rows a run remembers at most; past it, further rows are looked up each time as before. */
    static final int KNOWN_PER_RUN = 10_000;

    private final MirrorVendor vendor;
    private final MirrorSql sql;

    SharedRows(MirrorVendor vendor) {
        this.vendor = vendor;
        this.sql = new MirrorSql(vendor);
    }

    /** Whether some shared row of these records is not known to the run as stored with these values. */
    boolean anyUnknown(SyncRun run, StreamTables tables, Collection<MappedRecord> records) {
        for (MirrorTable shared : tables.shared()) {
            if (rowsOf(shared, records).anyMatch(row -> !known(run, shared, row))) {
                return true;
            }
        }
        return false;
    }

    /** After the transaction of {@link #write} committed: its rows are stored as they are. */
    void remember(SyncRun run, StreamTables tables, Collection<MappedRecord> records) {
        for (MirrorTable shared : tables.shared()) {
            rowsOf(shared, records).takeWhile(row -> run.sharedKnown.size() < KNOWN_PER_RUN)
                    .forEach(row -> run.sharedKnown.put(knownKey(shared, row), Arrays.asList(row.clone())));
        }
    }

    /** The rows of one shared table that these records carry. */
    private static Stream<Object[]> rowsOf(MirrorTable shared, Collection<MappedRecord> records) {
        return records.stream().flatMap(record -> record.shared().getOrDefault(shared, List.of()).stream());
    }

    private static boolean known(SyncRun run, MirrorTable shared, Object[] row) {
        List<Object> values = run.sharedKnown.get(knownKey(shared, row));
        return values != null && values.equals(Arrays.asList(row));
    }

    private static String knownKey(MirrorTable shared, Object[] row) {
        return shared.name() + '\u0000' + row[0];
    }

    void write(Connection c, SyncRun run, StreamTables tables, Collection<MappedRecord> records) throws SQLException {
        for (MirrorTable shared : tables.shared()) {
            // One row per key and in key order, so concurrent pages take row locks in the same order.
            Map<String, Object[]> rows = new TreeMap<>();
            rowsOf(shared, records).forEach(row -> rows.put(String.valueOf(row[0]), row));
            rows.values().removeIf(row -> known(run, shared, row));
            if (rows.isEmpty()) {
                continue;
            }
            removeUnchanged(c, shared, rows);
            if (rows.isEmpty()) {
                continue;
            }
            try (PreparedStatement upsert = c.prepareStatement(sql.upsertShared(shared))) {
                for (Object[] row : rows.values()) {
                    RecordRows.bindFolded(vendor, upsert, RecordRows.bindRow(vendor, upsert, 1, shared.columns(), row),
                            shared, row);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
    }

    /** Shared tables hold text columns keyed by their first column, so stored and new values compare as strings. */
    private void removeUnchanged(Connection c, MirrorTable shared, Map<String, Object[]> rows) throws SQLException {
        List<String> columns = shared.columnNames();
        for (List<String> chunk : InLists.chunks(rows.keySet())) {
            try (PreparedStatement lookup = c.prepareStatement(sql.storedShared(shared, chunk.size()))) {
                RecordRows.bindIds(lookup, chunk);
                try (ResultSet stored = lookup.executeQuery()) {
                    while (stored.next()) {
                        Object[] row = rows.get(stored.getString(1));
                        boolean same = row != null;
                        for (int i = 1; same && i < columns.size(); i++) {
                            same = Objects.equals(stored.getString(i + 1), row[i]);
                        }
                        if (same) {
                            rows.remove(stored.getString(1));
                        }
                    }
                }
            }
        }
    }
}
