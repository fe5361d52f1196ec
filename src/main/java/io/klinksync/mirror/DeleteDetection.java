package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Deletes, when a pass completes, only the rows proven gone. A row the pass did not see (its synced_at is
 * before the walk and it has no sync_seen row) is proven gone when the API answered 404 for it, or when the
 * previous complete pass missed it too (sync_missing). Every statement re-checks that the row is still unseen,
 * inside the completing transaction. What is not proven yet is kept and remembered in sync_missing.
 */
final class DeleteDetection {

    private final MirrorVendor vendor;
    private final DeleteMode mode;

    DeleteDetection(MirrorVendor vendor, DeleteMode mode) {
        this.vendor = vendor;
        this.mode = mode;
    }

    /** Ids of live rows the run has not seen, in id order, at most limit of them. */
    List<String> unseen(Connection c, MirrorTable parent, SyncRun run, int limit) throws SQLException {
        Statement select = new Statement("SELECT id FROM " + parent.name() + " WHERE ").unseen(parent, run)
                .append(" ORDER BY id");
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = select.prepare(c)) {
            statement.setMaxRows(limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** Deletes the proven rows (soft or hard) and remembers the others; answers {deleted, still unproven}. */
    long[] apply(Connection c, StreamTables tables, SyncRun run, Collection<String> gone, Instant now) throws SQLException {
        MirrorTable parent = tables.parent();
        long deleted;
        if (mode == DeleteMode.SOFT) {
            deleted = new Statement("UPDATE " + parent.name() + " SET deleted_at = ?", now).append(" WHERE ")
                    .unseen(parent, run).append(" AND ").proven(parent.name() + ".id", run, gone).execute(c);
        } else {
            for (MirrorTable child : tables.children()) {
                new Statement("DELETE FROM " + child.name() + " WHERE " + child.name() + "." + child.parentColumn()
                        + " IN (SELECT id FROM " + parent.name() + " WHERE ").unseen(parent, run).append(" AND ")
                        .proven(parent.name() + ".id", run, gone).append(")").execute(c);
            }
            deleted = new Statement("DELETE FROM " + parent.name() + " WHERE ").unseen(parent, run).append(" AND ")
                    .proven(parent.name() + ".id", run, gone).execute(c);
        }
        new Statement("DELETE FROM sync_missing WHERE stream = ?", run.stream()).execute(c);
        long unproven = new Statement("INSERT INTO sync_missing (stream, record_id, run_id) SELECT ?, id, ?", run.stream(),
                run.id()).append(" FROM " + parent.name() + " WHERE ").unseen(parent, run).execute(c);
        return new long[]{deleted, unproven};
    }

    /**
     * Runs head + " FROM parent WHERE (the rows {@link #apply} is about to delete)" + tail, with head's parameters
     * first: the history and the change log see exactly the rows the pass deletes. Call it before apply().
     */
    long forProven(Connection c, MirrorTable parent, SyncRun run, Collection<String> gone, String head,
                   List<Object> headParameters, String tail) throws SQLException {
        return new Statement(head, headParameters.toArray()).append(" FROM " + parent.name() + " WHERE ")
                .unseen(parent, run).append(" AND ").proven(parent.name() + ".id", run, gone).append(tail).execute(c);
    }

    /** SQL text with its parameters beside it, so each condition brings its own. */
    private final class Statement {
        private final StringBuilder sql;
        private final List<Object> parameters = new ArrayList<>();

        Statement(String sql, Object... parameters) {
            this.sql = new StringBuilder(sql);
            this.parameters.addAll(List.of(parameters));
        }

        Statement append(String text) {
            sql.append(text);
            return this;
        }

        /** Live, written before this walk began, and not found unchanged by it. */
        Statement unseen(MirrorTable parent, SyncRun run) {
            String table = parent.name();
            if (mode == DeleteMode.SOFT) {
                sql.append(table).append(".deleted_at IS NULL AND ");
            }
            sql.append(table).append(".synced_at < ? AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.run_id = ?")
                    .append(" AND s.record_id = ").append(table).append(".id)");
            parameters.add(run.walkStartedAt());
            parameters.add(run.id());
            return this;
        }

        /** Answered 404 in this pass, or missed by an earlier complete pass as well. */
        Statement proven(String idColumn, SyncRun run, Collection<String> gone) {
            sql.append('(');
            if (!gone.isEmpty()) {
                sql.append(idColumn).append(" IN (").append("?, ".repeat(gone.size() - 1)).append("?) OR ");
                parameters.addAll(gone);
            }
            sql.append(idColumn).append(" IN (SELECT m.record_id FROM sync_missing m WHERE m.stream = ? AND m.run_id <> ?))");
            parameters.add(run.stream());
            parameters.add(run.id());
            return this;
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement statement = c.prepareStatement(sql.toString());
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Instant instant) {
                    vendor.bindInstant(statement, i + 1, instant);
                } else if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) value);
                }
            }
            return statement;
        }

        long execute(Connection c) throws SQLException {
            try (PreparedStatement statement = prepare(c)) {
                return statement.executeUpdate();
            }
        }
    }
}
