package io.klinksync.mirror;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way the mirror's tables are read and written outside a writer's own transaction: a statement on a
 * pooled connection, its values bound as the vendor stores them, and a failure that says what was being done.
 */
public final class MirrorJdbc {

    /** Binds a statement's parameters. */
    public interface Binder {
        Binder NONE = statement -> { };

        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Binds one item of a batch. */
    public interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Reads one row of a result. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Statements on one pooled connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final MirrorVendor vendor;

    public MirrorJdbc(DataSource dataSource, MirrorVendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
    }

    public MirrorVendor vendor() {
        return vendor;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Work on one pooled connection; a failure says what was being done. */
    public <T> T withConnection(String what, Work<T> work) {
        try {
            return onConnection(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Work on one pooled connection, its SQLException left to the caller, whose failure means something else. */
    public <T> T onConnection(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    /** Work in one transaction on one pooled connection, committed whole or rolled back; its SQLException as it is. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        return inTransaction(work, true);
    }

    /** As {@link #inTransaction(Work)}; unless commitWaits, the commit returns before it is on disk. */
    public <T> T inTransaction(Work<T> work, boolean commitWaits) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, commitWaits ? work : same -> {
                vendor.skipCommitWait(same);
                return work.run(same);
            });
        }
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Every row the query answers; what names the work in the error, e.g. "read the import ledger". */
    public <T> List<T> query(String what, String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(reader.read(rows));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs one statement in its own transaction; answers the rows it changed. */
    public int update(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** One statement per item, all in one transaction; when durable, on disk before this returns. */
    public <T> void batch(String what, String sql, List<T> items, ItemBinder<T> binder, boolean durable) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (T item : items) {
                    binder.bind(statement, item);
                    statement.addBatch();
                }
                statement.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            if (durable) {
                vendor.flushCommits(c);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static MirrorException failure(String what, SQLException e) {
        return new MirrorException("Cannot " + what + " in the mirror database: " + e.getMessage()
                + ". Check that the mirror is reachable and migrated.", e);
    }

    /** When the stream's newest run with this status (sync_runs) ended, or null when it never had one. */
    public Instant lastRunEnded(String stream, String status) {
        try (Connection c = dataSource.getConnection()) {
            return lastRunEnded(c, vendor, stream, status);
        } catch (SQLException e) {
            throw failure("read the last " + status + " run of " + stream, e);
        }
    }

    /** The same on a connection the caller holds (status reads the mirror through one). */
    public static Instant lastRunEnded(Connection c, MirrorVendor vendor, String stream, String status) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT MAX(ended_at) AS ended_at FROM sync_runs"
                + " WHERE stream = ? AND status = ?")) {
            statement.setString(1, stream);
            statement.setString(2, status);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? vendor.readInstant(rows, "ended_at") : null;
            }
        }
    }
}
