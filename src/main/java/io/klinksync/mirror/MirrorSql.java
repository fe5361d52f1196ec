package io.klinksync.mirror;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The statements the JDBC mirror runs, in each vendor's dialect where the dialects differ (upserts). */
final class MirrorSql {

    /** Bookkeeping columns every parent table has after its record columns. */
    static final List<Column> PARENT_BOOKKEEPING = List.of(Column.text("raw_json"), Column.text("content_hash"),
            Column.timestamp("first_seen_at"), Column.timestamp("synced_at"), Column.timestamp("deleted_at"));

    private final MirrorVendor vendor;

    MirrorSql(MirrorVendor vendor) {
        this.vendor = vendor;
    }

    static List<String> parentColumns(MirrorTable parent) {
        return Stream.concat(parent.columnNames().stream(), PARENT_BOOKKEEPING.stream().map(Column::name)).toList();
    }

    /** The lower-of columns the writer binds after a row's others: none where the database computes them. */
    List<String> folded(MirrorTable table) {
        return vendor.writerFolds() ? table.folded().stream().map(MirrorTable.Folded::name).toList() : List.of();
    }

    /** A parent row's columns as written: its own, the bookkeeping, then the lower-of columns the writer fills. */
    private List<String> writtenParentColumns(MirrorTable parent) {
        return Stream.concat(parentColumns(parent).stream(), folded(parent).stream()).toList();
    }

    /** A child or shared row's columns as written: its own, then the lower-of columns the writer fills. */
    private List<String> writtenColumns(MirrorTable table) {
        return Stream.concat(table.columnNames().stream(), folded(table).stream()).toList();
    }

    /**
     * Inserts a new record (MariaDB and H2; PostgreSQL loads new records with COPY). Should a concurrent page
     * have inserted the same id first, it becomes an update that keeps first_seen_at.
     */
    String insertParent(MirrorTable parent) {
        List<String> columns = writtenParentColumns(parent);
        List<String> updated = columns.stream().filter(c -> !c.equals("id") && !c.equals("first_seen_at")).toList();
        return upsert(parent.name(), columns, List.of("id"), updated);
    }

    /** A changed (or reappearing) record: every column but id and first_seen_at, deleted_at cleared. */
    String updateParent(MirrorTable parent) {
        String assignments = writtenParentColumns(parent).stream()
                .filter(c -> !c.equals("id") && !c.equals("first_seen_at"))
                .map(c -> c + " = ?")
                .collect(Collectors.joining(", "));
        return "UPDATE " + parent.name() + " SET " + assignments + " WHERE id = ?";
    }

    /**
     * Child rows go in after the rows of changed records were deleted, so a key clash can only come from two
     * concurrent pages carrying the same new record; the copy already there is then kept.
     */
    String insertChild(MirrorTable table) {
        List<String> columns = writtenColumns(table);
        String names = String.join(", ", columns);
        String values = placeholders(columns.size());
        return switch (vendor) {
            case POSTGRESQL, SQLITE -> "INSERT INTO " + table.name() + " (" + names + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
            // A no-op update rather than INSERT IGNORE, which would also turn real errors (too long values) into warnings.
            case MARIADB -> "INSERT INTO " + table.name() + " (" + names + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
                    + table.parentColumn() + " = " + table.parentColumn();
            // Plain INSERT: H2's MERGE costs twice as much per row, and the rare clash fails the page, which
            // ChangedRecordWriter then writes again (the lookup sees the record as existing by then).
            case H2 -> "INSERT INTO " + table.name() + " (" + names + ") VALUES (" + values + ")";
        };
    }

    /** Shared rows such as companies: the newest copy wins, and an unchanged row is not rewritten. */
    String upsertShared(MirrorTable table) {
        List<String> columns = writtenColumns(table);
        List<String> updated = columns.stream().filter(c -> !table.key().contains(c)).toList();
        String upsert = upsert(table.name(), columns, table.key(), updated);
        if ((vendor == MirrorVendor.POSTGRESQL || vendor == MirrorVendor.SQLITE) && !updated.isEmpty()) {
            upsert += " WHERE (" + updated.stream().map(c -> table.name() + "." + c).collect(Collectors.joining(", "))
                    + ") IS DISTINCT FROM (" + updated.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", ")) + ")";
        }
        return upsert;
    }

    String insertSeen() {
        return switch (vendor) {
            case POSTGRESQL, SQLITE -> "INSERT INTO sync_seen (run_id, record_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
            case MARIADB -> "INSERT IGNORE INTO sync_seen (run_id, record_id) VALUES (?, ?)";
            case H2 -> "MERGE INTO sync_seen (run_id, record_id) KEY (run_id, record_id) VALUES (?, ?)";
        };
    }

    /** {@link #insertSeen()} for rows (run_id, record_id) of that many ids in one statement. */
    String insertSeen(int ids) {
        String one = insertSeen();
        return one.replace("VALUES (?, ?)", "VALUES " + String.join(", ", Collections.nCopies(ids, "(?, ?)")));
    }

    /**
     * PostgreSQL: the lookup of a batch's stored rows and the sync_seen rows of its unchanged records in one
     * statement, one round trip. Parameters: the ids and their new content hashes (text arrays, same order),
     * the run id. Unchanged is what {@link ChangedRecordWriter} decides from the rows it answers: the same
     * hash and not soft-deleted. Answers id, content_hash, deleted_at of the ids that have a row.
     */
    String existingMarkingSeen(MirrorTable parent) {
        return "WITH stored AS (SELECT p.id, p.content_hash, p.deleted_at, p.content_hash = n.hash AND p.deleted_at IS NULL"
                + " AS same FROM unnest(?::text[], ?::text[]) AS n(id, hash) JOIN " + parent.name() + " p ON p.id = n.id),"
                + " seen AS (INSERT INTO sync_seen (run_id, record_id) SELECT ?, id FROM stored WHERE same"
                + " ON CONFLICT DO NOTHING)"
                + " SELECT id, content_hash, deleted_at FROM stored";
    }

    String existing(MirrorTable parent, int ids) {
        return "SELECT id, content_hash, deleted_at FROM " + parent.name() + " WHERE id IN (" + placeholders(ids) + ")";
    }

    String storedShared(MirrorTable shared, int keys) {
        return "SELECT " + String.join(", ", shared.columnNames()) + " FROM " + shared.name() + " WHERE "
                + shared.parentColumn() + " IN (" + placeholders(keys) + ")";
    }

    String deleteChildren(MirrorTable child, int ids) {
        return "DELETE FROM " + child.name() + " WHERE " + child.parentColumn() + " IN (" + placeholders(ids) + ")";
    }

    // A record was seen by the current walk when the walk wrote it (synced_at at or after the walk began) or
    // found it unchanged (a sync_seen row): a first sync writes every record and needs no sync_seen row at all.

    /** Ids seen by the walk; parameters: walk start, run id, walk start. */
    String distinctSeen(MirrorTable parent) {
        return "SELECT (SELECT COUNT(*) FROM " + parent.name() + " WHERE synced_at >= ?) + (SELECT COUNT(*) FROM sync_seen s"
                + " WHERE s.run_id = ? AND NOT EXISTS (SELECT 1 FROM " + parent.name() + " p WHERE p.id = s.record_id"
                + " AND p.synced_at >= ?))";
    }

    private String upsert(String table, List<String> columns, List<String> key, List<String> updated) {
        String names = String.join(", ", columns);
        String values = placeholders(columns.size());
        return switch (vendor) {
            // SQLite's upsert (3.24+) is PostgreSQL's, EXCLUDED included.
            case POSTGRESQL, SQLITE -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT ("
                    + String.join(", ", key) + ") DO UPDATE SET "
                    + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            case MARIADB -> "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON DUPLICATE KEY UPDATE "
                    + updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
            // H2's MERGE ... KEY replaces the whole row; only a race between two pages reaches its update path.
            case H2 -> "MERGE INTO " + table + " (" + names + ") KEY (" + String.join(", ", key) + ") VALUES (" + values + ")";
        };
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
