package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The relational mirror. Each write (a batch of pages) is one transaction that looks up the stored hashes of
 * its ids and then writes only new and changed records, in JDBC batches (COPY on PostgreSQL); deletions
 * happen only when a pass completes. Thread-safe: every call takes its own pooled connection.
 */
public final class JdbcMirrorWriter implements MirrorWriter {

    /** Ids per IN list, well below every vendor's bind-parameter limit. */
    private static final int IN_LIST_CHUNK = 1000;
    private static final String RUNNING = "running";
    private static final int MARIADB_DUPLICATE_KEY = 1062;
    /** Tries of a page that lost a race to a concurrent page: each loss means one more page committed the rows. */
    private static final int PAGE_ATTEMPTS = 4;

    private final MirrorDatabase database;
    private final DataSource dataSource;
    private final MirrorVendor vendor;
    private final MirrorSql sql;
    private final SyncRejects syncRejects;
    private final Clock clock;
    private final boolean ownsDatabase;
    private final JdbcStreamLocks locks;
    private final DeleteDetection deletes;
    private final ReportingSettings reporting;
    private final RecordHistory history;
    private final ChangeLog changeLog;
    private final WideContacts wideContacts;

    public JdbcMirrorWriter(MirrorDatabase database, DeleteMode deleteMode) {
        this(database, deleteMode, ReportingSettings.DEFAULTS, Clock.systemUTC(), false);
    }

    public JdbcMirrorWriter(MirrorDatabase database, DeleteMode deleteMode, ReportingSettings reporting) {
        this(database, deleteMode, reporting, Clock.systemUTC(), false);
    }

    JdbcMirrorWriter(MirrorDatabase database, DeleteMode deleteMode, ReportingSettings reporting, Clock clock,
                     boolean ownsDatabase) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.vendor = database.vendor();
        this.sql = new MirrorSql(vendor);
        this.syncRejects = new SyncRejects(vendor);
        this.clock = clock;
        this.ownsDatabase = ownsDatabase;
        this.locks = new JdbcStreamLocks(database, clock);
        this.deletes = new DeleteDetection(vendor, deleteMode);
        this.reporting = reporting;
        this.history = new RecordHistory(vendor);
        this.changeLog = new ChangeLog(vendor);
        this.wideContacts = new WideContacts(vendor);
    }

    public MirrorDatabase database() {
        return database;
    }

    @Override
    public StreamLock lock(String stream, long waitMillis) {
        StreamTables.of(stream);
        return locks.acquire(stream, waitMillis);
    }

    @Override
    public SyncRun begin(String stream, String profile) {
        StreamTables.of(stream);
        Instant now = now();
        SyncRun run = inTransaction("start a " + stream + " run", c -> {
            // The caller holds the stream's lock: a run still 'running' belongs to a process that died (kill -9,
            // power loss), whose lock ended with it.
            try (PreparedStatement forget = c.prepareStatement(
                    "DELETE FROM sync_seen WHERE run_id IN (SELECT id FROM sync_runs WHERE stream = ? AND status = ?)");
                 PreparedStatement abandon = c.prepareStatement(
                         "UPDATE sync_runs SET status = 'abandoned', ended_at = ?, error = ? WHERE stream = ? AND status = ?")) {
                forget.setString(1, stream);
                forget.setString(2, RUNNING);
                forget.executeUpdate();
                vendor.bindInstant(abandon, 1, now);
                abandon.setString(2, "the process running it ended without finishing (its stream lock was free)");
                abandon.setString(3, stream);
                abandon.setString(4, RUNNING);
                abandon.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO sync_runs (stream, profile, started_at, status, node) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, stream);
                insert.setString(2, profile);
                vendor.bindInstant(insert, 3, now);
                insert.setString(4, RUNNING);
                insert.setString(5, NodeId.current());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no id generated for the sync_runs row");
                    }
                    return new SyncRun(keys.getLong(1), stream, profile, now);
                }
            }
        });
        // On disk before the walk writes anything: a process killed mid-run leaves a 'running' row to abandon.
        inTransaction("write the start of run " + run.id() + " of " + stream + " to disk", c -> {
            vendor.flushCommits(c);
            return null;
        });
        return run;
    }

    @Override
    public void write(SyncRun run, List<JsonNode> records) {
        StreamTables tables = StreamTables.of(run.stream());
        List<Reject> rejects = new ArrayList<>();
        // Sorted by id so concurrent batches lock rows in the same order; a repeated id keeps its last copy.
        NavigableMap<String, MappedRecord> batch = new TreeMap<>();
        for (JsonNode record : records) {
            String missingId = RecordIds.missing(record);
            if (missingId == null) {
                MappedRecord mapped = tables.mapper().map(record);
                batch.put(mapped.id(), mapped);
            } else {
                rejects.add(Reject.withoutId(record, missingId));
            }
        }
        if (batch.isEmpty() && rejects.size() > 1) {
            throw noIdAnywhere(run, records);
        }
        // Never before the walk began, even if the clock stepped back: synced_at is what marks a record as seen.
        Instant now = latest(now(), run.walkStartedAt());
        if (!tables.shared().isEmpty() && !batch.isEmpty()) {
            // Shared rows (companies) in their own short transaction: a popular company is on most pages, and
            // holding its row lock until a page commits would make concurrent pages wait for each other.
            reject(tables, RecordIsolation.write(batch, part -> inTransaction(
                    "write the companies of " + part.size() + " records of " + run.stream(), c -> {
                        vendor.skipCommitWait(c);
                        writeShared(c, tables, part.values());
                        return null;
                    })), batch, rejects);
        }
        int[] counts = new int[5];
        reject(tables, RecordIsolation.write(batch, part -> {
            int[] written = writeWithRetries(run, tables, part, now);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += written[i];
            }
        }), batch, rejects);
        if (!rejects.isEmpty()) {
            recordRejects(run, tables.parent(), rejects, now);
        }
        run.seen.addAndGet(records.size());
        run.inserted.addAndGet(counts[0]);
        run.updated.addAndGet(counts[1]);
        run.unchanged.addAndGet(counts[2]);
        run.loggedInserts.addAndGet(counts[3]);
        run.loggedUpdates.addAndGet(counts[4]);
    }

    private int[] writeWithRetries(SyncRun run, StreamTables tables, NavigableMap<String, MappedRecord> part, Instant now) {
        String what = "write " + part.size() + " records of " + run.stream() + " (run " + run.id() + ", first id "
                + part.firstKey() + ")";
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(what, c -> writeRecords(c, run, tables, part, now));
            } catch (MirrorException e) {
                // A new record on pages written at once, and another page committed it first (or the database
                // chose this page as a deadlock victim). Again: the lookup now sees the record as existing.
                if (attempt >= PAGE_ATTEMPTS || !isRetryable(e.getCause())) {
                    throw e;
                }
            }
        }
    }

    /** The refused records leave the batch, so what is written after them (their parent rows) skips them. */
    private void reject(StreamTables tables, Map<MappedRecord, SQLException> refused, Map<String, MappedRecord> batch,
                        List<Reject> rejects) {
        refused.forEach((record, fault) -> {
            batch.remove(record.id());
            rejects.add(Reject.of(record, RejectReason.of(vendor, tables.parent(), record, fault)));
        });
    }

    /**
     * A rejected record counts as seen by the run: one that has a row keeps it as it was, never deleted for
     * having been refused. Ids the database cannot even bind (a NUL on PostgreSQL) cannot have a row.
     */
    private void recordRejects(SyncRun run, MirrorTable parent, List<Reject> rejects, Instant now) {
        List<String> ids = rejects.stream().map(Reject::recordId)
                .filter(id -> id != null && vendor.canHold(id)).distinct().toList();
        inTransaction("record " + rejects.size() + " rejected records of " + run.stream() + " (run " + run.id() + ")", c -> {
            markSeen(c, run, new ArrayList<>(stored(c, parent, ids).keySet()));
            syncRejects.record(c, run, rejects, now);
            return null;
        });
        run.rejected.addAndGet(rejects.size());
    }

    private MirrorException noIdAnywhere(SyncRun run, List<JsonNode> records) {
        return new MirrorException("No record of a batch of " + records.size() + " " + run.stream() + " records has an id"
                + " (run " + run.id() + "), so they cannot be mirrored: " + RecordIds.missing(records.get(0)) + ". A stream"
                + " whose every record lacks an id is read from the wrong place; check the deployment profile's path for "
                + run.stream() + ".");
    }

    /** Returns {inserted, updated, unchanged, logged inserts, logged updates}. */
    private int[] writeRecords(Connection c, SyncRun run, StreamTables tables, Map<String, MappedRecord> page, Instant now)
            throws SQLException {
        if (page.isEmpty()) {
            return new int[5];
        }
        vendor.skipCommitWait(c);
        Map<String, Stored> stored = stored(c, tables.parent(), page.keySet());
        List<MappedRecord> fresh = new ArrayList<>();
        List<MappedRecord> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> reappeared = new ArrayList<>();
        for (MappedRecord record : page.values()) {
            Stored before = stored.get(record.id());
            if (before == null) {
                fresh.add(record);
            } else if (!before.hash().equals(record.contentHash()) || before.deleted()) {
                changed.add(record);
                if (before.deleted()) {
                    reappeared.add(record.id());
                }
            } else {
                unchanged.add(record.id());
            }
        }
        List<MappedRecord> written = new ArrayList<>(fresh);
        written.addAll(changed);
        PostgresCopy copy = vendor == MirrorVendor.POSTGRESQL ? new PostgresCopy(c) : null;
        // Before the rows are overwritten: an update's changed fields compare the stored JSON with the new.
        int[] logged = reporting.changes() && !written.isEmpty()
                ? changeLog.written(c, copy, run, tables.parent(), fresh, changed, reappeared, now) : new int[2];
        insertParents(c, copy, tables.parent(), fresh, now);
        updateParents(c, tables.parent(), changed, now);
        replaceChildren(c, copy, tables, written, changed);
        if (reporting.history()) {
            List<String> open = changed.stream().map(MappedRecord::id).filter(id -> !reappeared.contains(id)).toList();
            history.write(c, copy, tables, run, written, open, now);
        }
        if (tables.parent().name().equals(WideContacts.CONTACTS) && !written.isEmpty()) {
            wideContacts.written(c, written, now);
        }
        markSeen(c, run, unchanged); // written records are seen by their synced_at
        return new int[]{fresh.size(), changed.size(), unchanged.size(), logged[0], logged[1]};
    }

    private record Stored(String hash, boolean deleted) {
    }

    private Map<String, Stored> stored(Connection c, MirrorTable parent, Collection<String> ids) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement select = c.prepareStatement(sql.existing(parent, chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        String hash = rows.getString(2);
                        rows.getObject(3);
                        stored.put(id, new Stored(hash, !rows.wasNull()));
                    }
                }
            }
        }
        return stored;
    }

    /** COPY on PostgreSQL (copy is then not null), batched INSERTs elsewhere. */
    private void insertParents(Connection c, PostgresCopy copy, MirrorTable parent, List<MappedRecord> records, Instant now)
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
                int index = bindRow(insert, 1, columns, record.parent());
                insert.setString(index++, record.rawJson());
                insert.setString(index++, record.contentHash());
                vendor.bindInstant(insert, index++, now);
                vendor.bindInstant(insert, index++, now);
                vendor.bindInstant(insert, index, null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void updateParents(Connection c, MirrorTable parent, List<MappedRecord> records, Instant now) throws SQLException {
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
                update.setString(index, record.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Children of changed records are deleted and all written records' children inserted; new ones have none yet. */
    private void replaceChildren(Connection c, PostgresCopy copy, StreamTables tables, List<MappedRecord> records,
                                 List<MappedRecord> changed) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        List<String> changedIds = changed.stream().map(MappedRecord::id).toList();
        for (MirrorTable child : tables.children()) {
            for (List<String> chunk : chunks(changedIds)) {
                try (PreparedStatement delete = c.prepareStatement(sql.deleteChildren(child, chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        delete.setString(i + 1, chunk.get(i));
                    }
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
                        bindRow(insert, 1, child.columns(), row);
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

    /** Upserts the shared rows that are missing or differ from the stored copy; unchanged ones are not touched. */
    private void writeShared(Connection c, StreamTables tables, Collection<MappedRecord> records) throws SQLException {
        for (MirrorTable shared : tables.shared()) {
            // One row per key and in key order, so concurrent pages take row locks in the same order.
            Map<String, Object[]> rows = new TreeMap<>();
            for (MappedRecord record : records) {
                for (Object[] row : record.shared().getOrDefault(shared, List.of())) {
                    rows.put(String.valueOf(row[0]), row);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            removeUnchanged(c, shared, rows);
            if (rows.isEmpty()) {
                continue;
            }
            try (PreparedStatement upsert = c.prepareStatement(sql.upsertShared(shared))) {
                for (Object[] row : rows.values()) {
                    bindRow(upsert, 1, shared.columns(), row);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
    }

    /** Shared tables hold text columns keyed by their first column, so stored and new values compare as strings. */
    private void removeUnchanged(Connection c, MirrorTable shared, Map<String, Object[]> rows) throws SQLException {
        List<String> columns = shared.columnNames();
        for (List<String> chunk : chunks(rows.keySet())) {
            try (PreparedStatement lookup = c.prepareStatement(sql.storedShared(shared, chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    lookup.setString(i + 1, chunk.get(i));
                }
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

    private void markSeen(Connection c, SyncRun run, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(sql.insertSeen())) {
            for (String id : ids) {
                insert.setLong(1, run.id());
                insert.setString(2, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private int bindRow(PreparedStatement statement, int first, List<Column> columns, Object[] row) throws SQLException {
        int index = first;
        for (int i = 0; i < columns.size(); i++) {
            vendor.bind(statement, index++, columns.get(i).type(), row[i]);
        }
        return index;
    }

    @Override
    public long distinctSeen(SyncRun run) {
        MirrorTable parent = StreamTables.of(run.stream()).parent();
        return inTransaction("count the ids seen by run " + run.id(), c -> {
            try (PreparedStatement count = c.prepareStatement(sql.distinctSeen(parent))) {
                vendor.bindInstant(count, 1, run.walkStartedAt());
                count.setLong(2, run.id());
                vendor.bindInstant(count, 3, run.walkStartedAt());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) + syncRejects.seenOnlyAsRejected(c, run, parent);
                }
            }
        });
    }

    /**
     * Starts a new walk: what the last one wrote or marked counts as unseen again. Also zeroes the run's
     * records-seen counter, which the drift guard compares with {@link #distinctSeen}.
     */
    @Override
    public void resetSeen(SyncRun run) {
        inTransaction("reset the ids seen by run " + run.id(), c -> {
            forgetSeen(c, run);
            syncRejects.forget(c, run); // the new walk meets the same records again, and rejects them again
            return null;
        });
        // A microsecond on, so even a record written in the same microsecond by the last walk is not seen by this one.
        run.startWalk(latest(now(), run.walkStartedAt()).plus(1, ChronoUnit.MICROS));
        run.seen.set(0);
        run.rejected.set(0);
    }

    @Override
    public List<String> unseen(SyncRun run, int limit) {
        MirrorTable parent = StreamTables.of(run.stream()).parent();
        return inTransaction("list the rows run " + run.id() + " of " + run.stream() + " did not see",
                c -> deletes.unseen(c, parent, run, limit));
    }

    @Override
    public SyncRun complete(SyncRun run, Collection<String> gone) {
        StreamTables tables = StreamTables.of(run.stream());
        Instant now = now();
        inTransaction("complete run " + run.id() + " of " + run.stream(), c -> {
            if (vendor == MirrorVendor.POSTGRESQL) {
                // Both tables grew during the pass, maybe from empty; without fresh statistics the planner
                // would probe an 'empty' sync_seen row by row for every mirrored record. Only the columns delete
                // detection reads, from a small sample.
                try (Statement analyze = c.createStatement()) {
                    analyze.execute("SET LOCAL default_statistics_target = 10");
                    analyze.execute("ANALYZE sync_seen, " + tables.parent().name() + " (id, synced_at, deleted_at)");
                }
            }
            // History and change log first: they select exactly the rows apply() is about to delete.
            if (reporting.history()) {
                history.closeDeleted(c, deletes, tables.parent(), run, gone, now);
            }
            long loggedDeletes = reporting.changes() ? changeLog.deleted(c, deletes, tables.parent(), run, gone, now) : 0;
            long[] counts = deletes.apply(c, tables, run, gone, now);
            run.loggedDeletes.set(loggedDeletes);
            if (reporting.changes()) {
                changeLog.prune(c, now.minus(reporting.changesKeepDays(), ChronoUnit.DAYS));
            }
            run.deleted.set(counts[0]);
            run.deletePending.set(counts[1]);
            endRun(c, run, "success", null, now()); // ended_at after delete detection, which is part of the pass
            forgetSeen(c, run);
            return null;
        });
        if (tables.parent().name().equals(WideContacts.CONTACT_FIELDS)) {
            inTransaction("regenerate " + WideContacts.VIEW + " from the contact fields of run " + run.id(),
                    c -> wideContacts.refresh(c, now));
        }
        // A pass is reported complete only once its deletions and its sync_runs row are on disk.
        inTransaction("write run " + run.id() + " of " + run.stream() + " to disk", c -> {
            vendor.flushCommits(c);
            return null;
        });
        run.end("success", null);
        return run;
    }

    @Override
    public SyncRun fail(SyncRun run, String status, String error) {
        SyncRun.requireFailure(status);
        Instant now = now();
        inTransaction("end run " + run.id() + " of " + run.stream() + " as " + status, c -> {
            endRun(c, run, status, error, now);
            forgetSeen(c, run);
            return null;
        });
        run.end(status, error);
        return run;
    }

    private void endRun(Connection c, SyncRun run, String status, String error, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE sync_runs SET ended_at = ?, pages = ?, records_seen = ?,"
                + " inserted = ?, updated = ?, unchanged = ?, deleted = ?, status = ?, error = ? WHERE id = ?")) {
            vendor.bindInstant(update, 1, now);
            update.setLong(2, run.pages.get());
            update.setLong(3, run.seen.get());
            update.setLong(4, run.inserted.get());
            update.setLong(5, run.updated.get());
            update.setLong(6, run.unchanged.get());
            update.setLong(7, run.deleted.get());
            update.setString(8, status);
            update.setString(9, error);
            update.setLong(10, run.id());
            update.executeUpdate();
        }
    }

    private static void forgetSeen(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_seen WHERE run_id = ?")) {
            delete.setLong(1, run.id());
            delete.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }

    /** Database timestamps keep microseconds; truncating keeps what we wrote equal to what we read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MirrorException("Cannot " + what + " in the mirror database " + database.describe() + ": "
                    + describe(e), e);
        }
    }

    /** Unique violation (PostgreSQL 23505, MariaDB 1062, H2 23505), deadlock or serialization failure. */
    private static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sqlException) {
                for (SQLException s = sqlException; s != null; s = s.getNextException()) {
                    String state = String.valueOf(s.getSQLState());
                    if (state.equals("23505") || state.equals("40001") || state.equals("40P01")
                            || state.equals("23000") && s.getErrorCode() == MARIADB_DUPLICATE_KEY) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** PostgreSQL puts the real reason of a failed batch in the next exception. */
    private static String describe(SQLException e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        SQLException next = e.getNextException();
        if (e instanceof BatchUpdateException && next != null && next != e) {
            message.append(" (").append(next.getMessage()).append(')');
        }
        return message.toString();
    }

    static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK)));
        }
        return chunks;
    }
}
