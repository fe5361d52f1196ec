package io.klinksync.contacts;

import io.klinksync.mirror.MirrorJdbc;
import io.klinksync.mirror.MirrorJdbc.Binder;
import io.klinksync.mirror.MirrorJdbc.ItemBinder;
import io.klinksync.mirror.MirrorJdbc.RowReader;
import io.klinksync.mirror.MirrorVendor;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The import ledger in the mirror database (tables import_runs and import_rows, migration V2; a key table per file,
 * the keys of the file being planned): the plan of
 * every row is stored before anything is sent, creates are marked 'sending' before their request and every
 * row gets its outcome after it, so that results files are generated from it and an interrupted run resumes
 * without duplicates.
 */
public final class ImportLedger {

    /** Row statuses. 'unknown': a create whose request may have reached the API; check before resending. */
    public static final String PLANNED = "planned";
    public static final String SENDING = "sending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String UNKNOWN = "unknown";

    /** Run statuses. */
    public static final String RUN_PLANNING = "planning";
    public static final String RUN_SENDING = "sending";
    public static final String RUN_SUCCESS = "success";
    public static final String RUN_PARTIAL = "partial";
    public static final String RUN_FAILED = "failed";
    /** Stopped by SIGTERM or Ctrl-C; resumed like a failed run. */
    public static final String RUN_INTERRUPTED = "interrupted";

    /** One import_runs row; planned: its whole plan is stored, so resuming it means sending what is left. */
    public record Run(long id, String fileName, String sha256, String mode, String status, Instant startedAt,
                      boolean planned) {
    }

    /** One import_rows row. */
    public record Row(long runId, long rowNumber, String matchKey, RowAction action, String status, String contactId,
                      String error, String requestBody, String changes, Integer httpStatus) {
    }

    /** Per-run counts, as stored in import_runs. */
    public record Counts(long total, long created, long updated, long unchanged, long invalid, long failed) {
        public long succeeded() {
            return created + updated + unchanged;
        }

        /** Rows not sent yet: none once a run finished, where every row not done counts as failed. */
        public long pending() {
            return total - succeeded() - invalid - failed;
        }
    }

    /** Keys looked up per statement: well below every vendor's limit of bound parameters. */
    private static final int KEYS_PER_QUERY = 500;
    private static final String DRY_RUN_KEYS = "import_keys_dry_";

    private final DataSource dataSource;
    private final MirrorVendor vendor;
    /** The key tables this ledger created, so each is created once. */
    private final Set<Long> keyTables = ConcurrentHashMap.newKeySet();
    /**
     * On an embedded mirror (H2, SQLite), each file's key table lives in a scratch database of its own (see
     * {@link ScratchDatabase}), never in the mirror's file.
     */
    private final Map<Long, ScratchDatabase> scratch = new ConcurrentHashMap<>();

    public ImportLedger(DataSource dataSource, MirrorVendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
    }

    /** The newest run of the same file that did not reach success or partial, to be resumed. */
    public Optional<Run> unfinished(String sha256) {
        return query("SELECT id, file_name, file_sha256, mode, status, started_at, planned_at FROM import_runs"
                + " WHERE file_sha256 = ? AND status IN ('planning', 'sending', 'failed', 'interrupted') ORDER BY id DESC",
                ps -> ps.setString(1, sha256), rs -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), vendor.readInstant(rs, "started_at"),
                        vendor.readInstant(rs, "planned_at") != null)).stream().findFirst();
    }

    /**
     * When the newest import that may have changed contacts ended: one with a create or update that reached, or
     * may have reached, the API. Imports whose rows were all unchanged or invalid leave the mirror as true as it was.
     */
    public Instant lastChangingImportEnded() {
        List<Instant> found = query("SELECT MAX(r.ended_at) AS ended_at FROM import_runs r WHERE r.status IN ('success', 'partial',"
                + " 'failed', 'interrupted') AND EXISTS (SELECT 1 FROM import_rows w WHERE w.run_id = r.id"
                + " AND w.action IN ('create', 'update') AND w.status IN ('sending', 'done', 'unknown'))",
                Binder.NONE, rs -> vendor.readInstant(rs, "ended_at"));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The contacts that imports ended after `since` created or updated, or empty when one of their rows may have
     * reached the API without its contact id being known (then only a complete sync can find it) or when there are
     * more than `max`.
     */
    public Optional<List<String>> contactsChangedSince(Instant since, long max) {
        String changed = " FROM import_rows w JOIN import_runs r ON r.id = w.run_id WHERE r.ended_at > ?"
                + " AND w.action IN ('create', 'update') AND w.status IN ('sending', 'done', 'unknown')";
        long withoutId = query("SELECT COUNT(*)" + changed + " AND w.contact_id IS NULL",
                ps -> vendor.bindInstant(ps, 1, since), rs -> rs.getLong(1)).get(0);
        List<String> ids = query("SELECT DISTINCT w.contact_id" + changed + " AND w.contact_id IS NOT NULL LIMIT " + (max + 1),
                ps -> vendor.bindInstant(ps, 1, since), rs -> rs.getString(1));
        return withoutId > 0 || ids.size() > max ? Optional.empty() : Optional.of(ids);
    }

    public Run start(String fileName, String sha256, String mode, String profile) {
        Instant now = Instant.now();
        return new MirrorJdbc(dataSource, vendor).withConnection("start an import run for " + fileName, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_runs (file_name, file_sha256, mode, profile,"
                    + " started_at, status) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, fileName);
                ps.setString(2, sha256);
                ps.setString(3, mode);
                ps.setString(4, profile);
                setInstant(ps, 5, now);
                ps.setString(6, RUN_PLANNING);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Run(keys.getLong(1), fileName, sha256, mode, RUN_PLANNING, now, false);
                }
            }
        });
    }

    /** Forgets the plan of a run interrupted while planning (nothing of it was sent). */
    public void discardRows(long runId) {
        update("DELETE FROM import_rows WHERE run_id = ?", ps -> ps.setLong(1, runId));
        forgetKeys(runId);
    }

    /**
     * The keys scope of a dry run, which has no run id: a negative number made of the time it started, so that
     * the keys a killed dry run left behind are recognised by their age and removed (here, a day later).
     */
    public long dryRunKeyScope() {
        long now = System.currentTimeMillis();
        long dayAgo = now - Duration.ofDays(1).toMillis();
        for (String table : vendor == MirrorVendor.H2 ? List.<String>of() : tablesNamed(DRY_RUN_KEYS)) {
            String digits = table.substring(DRY_RUN_KEYS.length());
            if (digits.matches("\\d{1,18}") && Long.parseLong(digits) / 1000 < dayAgo) {
                update("DROP TABLE IF EXISTS " + table, Binder.NONE);
            }
        }
        return -(now * 1000 + ThreadLocalRandom.current().nextInt(1000));
    }

    /**
     * Records the keys of a batch of rows (file order) in the file's key table (see {@link #keysTable})
     * and returns, for each use, the earlier row of the file that used the same key, or null. Keys are stored as
     * SHA-256 hashes: a key can be as long as a cell, longer than an index allows.
     */
    public List<RowRef> claimKeys(long scope, List<ContactMatcher.KeyUse> uses) {
        String table = keysTable(scope);
        ScratchDatabase own = scratch(scope);
        DataSource keys = own == null ? dataSource : own.dataSource();
        if (keyTables.add(scope)) {
            update(keys, "CREATE TABLE IF NOT EXISTS " + table + " (key_hash VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " line_number BIGINT NOT NULL, record_number BIGINT NOT NULL)", Binder.NONE);
        }
        List<String> hashes = new ArrayList<>(uses.size());
        Map<String, RowRef> firstInBatch = new LinkedHashMap<>();
        MessageDigest sha256 = sha256();
        for (ContactMatcher.KeyUse use : uses) {
            String hash = HexFormat.of().formatHex(sha256.digest(use.key().getBytes(StandardCharsets.UTF_8)));
            hashes.add(hash);
            firstInBatch.putIfAbsent(hash, use.row());
        }
        Map<String, RowRef> earlier = new HashMap<>();
        List<String> distinct = new ArrayList<>(firstInBatch.keySet());
        for (int from = 0; from < distinct.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_QUERY));
            query(keys, "SELECT key_hash, line_number, record_number FROM " + table + " WHERE key_hash IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
            }, rs -> earlier.put(rs.getString(1), new RowRef(rs.getLong(2), rs.getLong(3))));
        }
        List<Map.Entry<String, RowRef>> fresh = firstInBatch.entrySet().stream()
                .filter(e -> !earlier.containsKey(e.getKey())).toList();
        batch(keys, "record the keys of import rows", "INSERT INTO " + table + " (key_hash, line_number, record_number)"
                + " VALUES (?, ?, ?)", fresh, (ps, e) -> {
            ps.setString(1, e.getKey());
            ps.setLong(2, e.getValue().line());
            ps.setLong(3, e.getValue().record());
        }, false);
        List<RowRef> result = new ArrayList<>(uses.size());
        for (int i = 0; i < uses.size(); i++) {
            RowRef first = earlier.get(hashes.get(i));
            if (first == null) {
                RowRef inBatch = firstInBatch.get(hashes.get(i));
                first = inBatch.equals(uses.get(i).row()) ? null : inBatch;
            }
            result.add(first);
        }
        return result;
    }

    /**
     * The keys of a file are only needed while it is planned. Each file's keys have a table of their own, so that
     * forgetting them is a DROP (on H2, deleting the scratch database that held it): deleting a million-row file's
     * keys from one shared table grew H2's file by gigabytes and took longer than the planning (docs/benchmarks.md).
     */
    public void forgetKeys(long scope) {
        ScratchDatabase own = scratch.remove(scope);
        if (own != null) {
            own.close();
        } else if (!vendor.embedded()) {
            update("DROP TABLE IF EXISTS " + keysTable(scope), Binder.NONE);
        }
        keyTables.remove(scope);
    }

    /** The database of the file's key table: the mirror, or on an embedded mirror a scratch database. */
    private ScratchDatabase scratch(long scope) {
        return vendor.embedded() ? scratch.computeIfAbsent(scope, s -> ScratchDatabase.create(vendor)) : null;
    }

    /** import_keys_RUN for an import run, import_keys_dry_N for a dry run (N: its start in microseconds). */
    private static String keysTable(long scope) {
        return scope < 0 ? DRY_RUN_KEYS + -scope : "import_keys_" + scope;
    }

    private List<String> tablesNamed(String prefix) {
        return new MirrorJdbc(dataSource, vendor).withConnection("list the import key tables", c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                    if (name.startsWith(prefix)) {
                        names.add(name);
                    }
                }
            }
            return names;
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Stores planned rows in one transaction. */
    public void record(long runId, List<RowPlan> plans) {
        Instant now = Instant.now();
        batch("record planned rows of import run " + runId, "INSERT INTO import_rows (run_id, row_number, match_key,"
                + " action, status, contact_id, error, request_body, changes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                plans, (ps, p) -> {
            boolean settled = p.action() == RowAction.UNCHANGED || p.action() == RowAction.INVALID;
            ps.setLong(1, runId);
            ps.setLong(2, p.rowNumber());
            ps.setString(3, p.matchKey());
            ps.setString(4, p.action().label());
            ps.setString(5, p.action() == RowAction.INVALID ? FAILED : settled ? DONE : PLANNED);
            ps.setString(6, p.contactId());
            ps.setString(7, p.errors().isEmpty() ? null : p.errorText());
            ps.setString(8, p.body() == null ? null : p.body().toString());
            ps.setString(9, p.changes().isEmpty() ? null : p.diffText());
            setInstant(ps, 10, now);
        }, false);
    }

    /** The whole plan is stored: from now on the run resumes by sending what is left, never by planning again. */
    public void planned(long runId) {
        update("UPDATE import_runs SET status = ?, planned_at = ? WHERE id = ?", ps -> {
            ps.setString(1, RUN_SENDING);
            setInstant(ps, 2, Instant.now());
            ps.setLong(3, runId);
        });
    }

    public void runStatus(long runId, String status, String error) {
        update("UPDATE import_runs SET status = ?, error = ? WHERE id = ?", ps -> {
            ps.setString(1, status);
            ps.setString(2, error);
            ps.setLong(3, runId);
        });
    }

    /** Rows still to send (planned, or left sending/unknown by an interrupted run), after a row number, in order. */
    public List<Row> pending(long runId, long afterRow, int limit) {
        return rows("WHERE run_id = ? AND row_number > ? AND status IN ('planned', 'sending', 'unknown')"
                + " ORDER BY run_id, row_number", runId, afterRow, limit);
    }

    /** Every row of a run after a row number, in order, a page at a time (for results files). */
    public List<Row> page(long runId, long afterRow, int limit) {
        return rows("WHERE run_id = ? AND row_number > ? ORDER BY run_id, row_number", runId, afterRow, limit);
    }

    /**
     * Pages are ordered by the whole primary key (run_id, row_number), which lets the database read the next page
     * from the index; ordered by row_number alone, H2 read and sorted every remaining row for each page.
     */
    private List<Row> rows(String where, long runId, long afterRow, int limit) {
        return query("SELECT run_id, row_number, match_key, action, status, contact_id, error, request_body, changes,"
                + " http_status FROM import_rows " + where + " " + limitClause(limit), ps -> {
            ps.setLong(1, runId);
            ps.setLong(2, afterRow);
        }, rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), RowAction.of(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), httpStatus(rs)));
    }

    /** import_rows.http_status, null until a request got an answer (SQLite's driver cannot read a NULL as an Integer object). */
    private static Integer httpStatus(java.sql.ResultSet rs) throws java.sql.SQLException {
        int status = rs.getInt(10);
        return rs.wasNull() ? null : status;
    }

    private static String limitClause(int limit) {
        return "LIMIT " + limit;
    }

    /**
     * Marks creates 'sending' in one transaction that is on disk when this returns: a create is only sent once
     * its mark has survived any crash, so that a resumed run looks the contact up instead of creating it again.
     */
    public void markSending(long runId, List<Long> rowNumbers) {
        Instant now = Instant.now();
        batch("mark rows of import run " + runId + " as sending", "UPDATE import_rows SET status = ?, updated_at = ?"
                + " WHERE run_id = ? AND row_number = ?", rowNumbers, (ps, rowNumber) -> {
            ps.setString(1, SENDING);
            setInstant(ps, 2, now);
            ps.setLong(3, runId);
            ps.setLong(4, rowNumber);
        }, true);
    }

    /** Stores the outcomes of sent rows in one transaction. */
    public void recordOutcomes(List<RowOutcome> outcomes) {
        Instant now = Instant.now();
        batch("record the outcome of import rows", "UPDATE import_rows SET status = ?, contact_id = COALESCE(?, contact_id),"
                + " error = ?, http_status = ?, updated_at = ? WHERE run_id = ? AND row_number = ?", outcomes, (ps, o) -> {
            ps.setString(1, o.status());
            ps.setString(2, o.contactId());
            ps.setString(3, o.error());
            if (o.httpStatus() == null) {
                ps.setNull(4, java.sql.Types.INTEGER);
            } else {
                ps.setInt(4, o.httpStatus());
            }
            setInstant(ps, 5, now);
            ps.setLong(6, o.runId());
            ps.setLong(7, o.rowNumber());
        }, false);
    }

    /** Counts the run's rows, stores the counts and the final status (success when no row failed). */
    public Counts finish(long runId) {
        Counts counts = counts(runId);
        store(runId, counts.invalid() + counts.failed() == 0 ? RUN_SUCCESS : RUN_PARTIAL, counts);
        return counts;
    }

    /**
     * The run was stopped by SIGTERM or Ctrl-C: stores status interrupted and what its rows say happened, where
     * failed counts only the rows whose request failed and rows not sent yet are pending.
     */
    public Counts interrupt(long runId) {
        Counts counts = tally(runId, false);
        store(runId, RUN_INTERRUPTED, counts);
        return counts;
    }

    private void store(long runId, String status, Counts counts) {
        update("UPDATE import_runs SET status = ?, ended_at = ?, rows_total = ?, rows_created = ?, rows_updated = ?,"
                + " rows_unchanged = ?, rows_invalid = ?, rows_failed = ? WHERE id = ?", ps -> {
            ps.setString(1, status);
            setInstant(ps, 2, Instant.now());
            ps.setLong(3, counts.total());
            ps.setLong(4, counts.created());
            ps.setLong(5, counts.updated());
            ps.setLong(6, counts.unchanged());
            ps.setLong(7, counts.invalid());
            ps.setLong(8, counts.failed());
            ps.setLong(9, runId);
        });
    }

    /** The run stopped for a reason that concerns every row (API unreachable, token refused); resumable. */
    public void fail(long runId, String error) {
        update("UPDATE import_runs SET status = ?, ended_at = ?, error = ? WHERE id = ?", ps -> {
            ps.setString(1, RUN_FAILED);
            setInstant(ps, 2, Instant.now());
            ps.setString(3, error);
            ps.setLong(4, runId);
        });
    }

    /** Counts of a run where every row that is not done counts as failed, as at its end. */
    public Counts counts(long runId) {
        return tally(runId, true);
    }

    private Counts tally(long runId, boolean pendingIsFailed) {
        long[] n = new long[6];
        query("SELECT action, status, COUNT(*) FROM import_rows WHERE run_id = ? GROUP BY action, status",
                ps -> ps.setLong(1, runId), rs -> {
                    String action = rs.getString(1);
                    String status = rs.getString(2);
                    long count = rs.getLong(3);
                    n[0] += count;
                    if (action.equals("invalid")) {
                        n[4] += count;
                    } else if (status.equals(FAILED) || status.equals(UNKNOWN)) {
                        n[5] += count;
                    } else if (!status.equals(DONE)) {
                        n[5] += pendingIsFailed ? count : 0;
                    } else if (action.equals("create")) {
                        n[1] += count;
                    } else if (action.equals("update")) {
                        n[2] += count;
                    } else {
                        n[3] += count;
                    }
                    return null;
                });
        return new Counts(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        return query(dataSource, sql, binder, reader);
    }

    private <T> List<T> query(DataSource source, String sql, Binder binder, RowReader<T> reader) {
        return new MirrorJdbc(source, vendor).query("read the import ledger", dialect(sql), binder, reader);
    }

    private void update(String sql, Binder binder) {
        update(dataSource, sql, binder);
    }

    private void update(DataSource source, String sql, Binder binder) {
        new MirrorJdbc(source, vendor).update("write the import ledger", dialect(sql), binder);
    }

    private <T> void batch(String what, String sql, List<T> items, ItemBinder<T> binder, boolean durable) {
        batch(dataSource, what, sql, items, binder, durable);
    }

    private <T> void batch(DataSource source, String what, String sql, List<T> items, ItemBinder<T> binder, boolean durable) {
        new MirrorJdbc(source, vendor).batch(what, dialect(sql), items, binder, durable);
    }

    /** row_number is a reserved word in MariaDB and MySQL 8; quote it there. */
    private String dialect(String sql) {
        return vendor == MirrorVendor.MARIADB ? sql.replace("row_number", "`row_number`") : sql;
    }

    private void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        vendor.bindInstant(ps, index, instant);
    }
}
