package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite's page transactions, committed in groups on one connection of their own. SQLite has one write lock, so
 * this process's page writes take turns on it anyway. A write that finds others waiting behind it leaves its
 * transaction open for them, and the last of the group commits for all: records with random ids touch most index
 * pages of a mirror table, and each commit writes every page it touched again. Each write runs in a savepoint, so
 * one that fails takes back its own statements only; each returns once its group's commit did, and fails when
 * that failed. A group ends after {@link #MAX_WRITES} writes, so that it never holds the lock for long: another
 * process's writer (an import's ledger) finds it free between groups (docs/benchmarks.md says how soon).
 * <p>
 * The connection keeps its page cache from one group to the next, commits without waiting for the disk (see
 * {@link MirrorVendor#skipCommitWait}), and leaves the WAL's checkpoints to {@link WalCheckpoints}.
 */
final class GroupCommit implements AutoCloseable {

    static final int MAX_WRITES = 16;
    /** The writer's page cache: 64 MB, in KiB as SQLite takes a negative size. */
    private static final int CACHE_KIB = 65_536;

    private final MirrorDatabase database;
    private final WalCheckpoints checkpoints;
    /** Fair, so writes take their turns in the order they came and a waiting one is seen as queued. */
    private final ReentrantLock turn = new ReentrantLock(true);
    // Guarded by turn: the writer's connection, opened on the first write, and the open group (null between groups).
    private Connection connection;
    private CompletableFuture<Void> committed;
    private int writes;
    private boolean closed;

    GroupCommit(MirrorDatabase database) {
        this.database = database;
        this.checkpoints = new WalCheckpoints(database.dataSource());
    }

    /** The work in the open group's transaction, or a new one's; returns once the group committed. */
    <T> T write(MirrorTransactions.Work<T> work) throws SQLException {
        CompletableFuture<Void> group;
        T result;
        turn.lock();
        try {
            if (committed == null) {
                begin();
            }
            group = committed;
            result = inSavepoint(work);
        } finally {
            try {
                if (committed != null && (writes >= MAX_WRITES || !turn.hasQueuedThreads())) {
                    commit();
                }
            } finally {
                turn.unlock();
            }
        }
        awaitCommit(group);
        return result;
    }

    /** Whether a write waits for its turn: for the tests, which line writes up behind each other. */
    boolean writesWaiting() {
        return turn.hasQueuedThreads();
    }

    private void begin() throws SQLException {
        if (closed) {
            throw new SQLException("The mirror database was closed before this write.");
        }
        if (connection == null) {
            connection = openWriter();
        }
        checkpoints.beforeBegin(connection);
        connection.setAutoCommit(false);
        committed = new CompletableFuture<>();
        writes = 0;
    }

    private Connection openWriter() throws SQLException {
        Connection c = database.openUnpooled();
        try (Statement pragma = c.createStatement()) {
            pragma.execute("PRAGMA synchronous = NORMAL");
            pragma.execute("PRAGMA cache_size = -" + CACHE_KIB);
            pragma.execute("PRAGMA wal_autocheckpoint = 0");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private <T> T inSavepoint(MirrorTransactions.Work<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = work.run(connection);
            connection.releaseSavepoint(savepoint);
            writes++;
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException lost) {
                // SQLite rolls a whole transaction back on some errors (a full disk, I/O): the group is gone.
                e.addSuppressed(lost);
                end(new SQLException("The transaction these page writes shared was rolled back: " + lost.getMessage(), lost));
            }
            throw e;
        }
    }

    private void commit() {
        try {
            connection.commit();
            end(null);
            checkpoints.afterCommit();
        } catch (SQLException e) {
            end(e);
        }
    }

    /** Ends the open group: committed when failure is null, else rolled back and failed with it. */
    private void end(SQLException failure) {
        CompletableFuture<Void> group = committed;
        committed = null;
        try {
            if (failure != null) {
                connection.rollback();
            }
            // SQLite's driver opens the next transaction at commit; autocommit ends it, and the write lock with it.
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
            closeWriter(); // the next write opens a connection anew
        }
        if (failure == null) {
            group.complete(null);
        } else {
            group.completeExceptionally(failure);
        }
    }

    private void closeWriter() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is all that is left to do with it
        }
        connection = null;
    }

    /** Uninterruptibly: the group commits whether or not this thread waits, and its caller must know how it ended. */
    private static void awaitCommit(CompletableFuture<Void> group) throws SQLException {
        try {
            group.join();
        } catch (CompletionException e) {
            SQLException failure = (SQLException) e.getCause();
            throw new SQLException("The commit of these page writes failed: " + failure.getMessage(),
                    failure.getSQLState(), failure.getErrorCode(), failure);
        }
    }

    @Override
    public void close() {
        turn.lock();
        try {
            if (committed != null) {
                commit(); // left open for this call, which queued behind the group's last write
            }
            closed = true;
            checkpoints.close();
            if (connection != null) {
                closeWriter();
            }
        } finally {
            turn.unlock();
        }
    }
}
