package io.klinksync.mirror;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC mirror's transactions: each on its own pooled connection, committed whole or rolled back, and a
 * failure that names the work and the database. A page that lost a race to a concurrent page is tried again.
 */
final class MirrorTransactions {

    /** The statements of one transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int MARIADB_DUPLICATE_KEY = 1062;
    /** Tries of a page that lost a race to a concurrent page: each loss means one more page committed the rows. */
    private static final int PAGE_ATTEMPTS = 4;

    private final MirrorDatabase database;
    private final MirrorJdbc jdbc;
    private final MirrorVendor vendor;
    /** SQLite's page writes, which take turns on its one write lock; null on the other vendors. */
    private final GroupCommit groupCommit;

    MirrorTransactions(MirrorDatabase database) {
        this.database = database;
        this.jdbc = new MirrorJdbc(database.dataSource(), database.vendor());
        this.vendor = database.vendor();
        this.groupCommit = vendor == MirrorVendor.SQLITE ? database.groupCommit() : null;
    }

    /** What names the work in the error, e.g. "complete run 4 of contacts". */
    <T> T inTransaction(String what, Work<T> work) {
        return inTransaction(what, work, true);
    }

    /**
     * A transaction of a sync's page writes: its commit returns before it is on disk. The run's completing
     * commit waits, and puts every commit before it there (see {@link MirrorVendor#skipCommitWait}). On SQLite
     * it may share its commit with the page writes waiting behind it ({@link GroupCommit}).
     */
    <T> T withoutCommitWait(String what, Work<T> work) {
        if (groupCommit == null) {
            return inTransaction(what, work, false);
        }
        try {
            return groupCommit.write(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A page's transaction (no commit wait), again when a concurrent page won a race for the same new record. */
    <T> T retryingLostRaces(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return withoutCommitWait(what, work);
            } catch (MirrorException e) {
                // A new record on pages written at once, and another page committed it first (or the database
                // chose this page as a deadlock victim). Again: the lookup now sees the record as existing.
                if (attempt >= PAGE_ATTEMPTS || !isRetryable(e.getCause())) {
                    throw e;
                }
            }
        }
    }

    private <T> T inTransaction(String what, Work<T> work, boolean commitWaits) {
        try {
            return jdbc.inTransaction(work::run, commitWaits);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private MirrorException failure(String what, SQLException e) {
        return new MirrorException("Cannot " + what + " in the mirror database " + database.describe() + ": "
                + describe(e), e);
    }

    /** Puts what was committed on disk, before the caller reports it (see {@link MirrorVendor#flushCommits}). */
    void flush(String what) {
        inTransaction(what, c -> {
            vendor.flushCommits(c);
            return null;
        });
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
}
