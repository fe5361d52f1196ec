package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stream locks in the mirror database, each on a connection of its own that stays open for the run: a PostgreSQL
 * advisory lock, a MariaDB GET_LOCK, or on H2 a row of sync_lock_rows locked FOR UPDATE by an open transaction.
 * The lock's name includes the schema (database), so mirrors sharing a server do not lock each other. When the
 * holder dies its connection ends, and the database frees the lock. Who holds it is kept in sync_lock_holders.
 */
final class JdbcStreamLocks {

    private static final String PG_LOCK_NOT_AVAILABLE = "55P03";
    private static final String H2_LOCK_TIMEOUT = "HYT00";
    /** How long a check of the lock's connection may take before it counts as broken. */
    private static final int VALIDITY_TIMEOUT_SECONDS = 5;

    private final MirrorDatabase database;
    private final MirrorJdbc jdbc;
    private final Clock clock;

    JdbcStreamLocks(MirrorDatabase database, Clock clock) {
        this.database = database;
        this.jdbc = new MirrorJdbc(database.dataSource(), database.vendor());
        this.clock = clock;
    }

    StreamLock acquire(String stream, long waitMillis) {
        if (database.vendor() == MirrorVendor.SQLITE) {
            return sqlite(stream, waitMillis);
        }
        Connection lock = null;
        try {
            lock = database.openUnpooled();
            boolean held = switch (database.vendor()) {
                case POSTGRESQL -> postgres(lock, stream, waitMillis);
                case MARIADB -> mariadb(lock, stream, waitMillis);
                case H2 -> h2(lock, stream, waitMillis);
                case SQLITE -> throw new IllegalStateException("SQLite stream locks are files");
            };
            if (!held) {
                throw LockHolder.busy(stream, holder(stream), waitMillis);
            }
            recordHolder(stream);
            Connection owned = lock;
            lock = null;
            return new StreamLock() {
                @Override
                public boolean held() {
                    return stillOpen(owned);
                }

                @Override
                public void close() {
                    release(owned, stream);
                }
            };
        } catch (SQLException e) {
            throw new MirrorException("Cannot take the writer lock of stream " + stream + " in the mirror database "
                    + database.describe() + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(lock);
        }
    }

    /**
     * SQLite has no advisory locks, and a lock row held by an open IMMEDIATE transaction would hold the database's
     * one write lock for the whole run, shutting out every other writer: the lock is an operating-system lock on a
     * file beside the database (DATABASE.klink-STREAM.lock), as the CSV mirror's, freed by the system when the
     * holder dies. Who holds it is in the file and in sync_lock_holders.
     */
    private StreamLock sqlite(String stream, long waitMillis) {
        Path file = SqliteFiles.beside(database.url(), "klink-" + stream + ".lock");
        StreamLock lock = CsvStreamLock.acquire(file, stream, waitMillis,
                "The folder of the SQLite mirror must be writable.");
        try {
            recordHolder(stream);
        } catch (SQLException e) {
            lock.close();
            throw new MirrorException("Cannot record the writer lock of stream " + stream + " in the mirror database "
                    + database.describe() + ": " + e.getMessage(), e);
        }
        return new StreamLock() {
            @Override
            public boolean held() {
                return lock.held();
            }

            @Override
            public void close() {
                forgetHolder(stream);
                lock.close();
            }
        };
    }

    private void forgetHolder(String stream) {
        try {
            deleteHolder(stream);
        } catch (SQLException e) {
            // Only information; the next holder replaces it.
        }
    }

    private void deleteHolder(String stream) throws SQLException {
        jdbc.onConnection(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_lock_holders WHERE stream = ? AND holder = ?")) {
                delete.setString(1, stream);
                delete.setString(2, LockHolder.thisProcess());
                return delete.executeUpdate();
            }
        });
    }

    private static boolean postgres(Connection c, String stream, long waitMillis) throws SQLException {
        String key = "hashtext('klink-sync'), hashtext(current_schema() || '/' || ?)";
        if (waitMillis <= 0) {
            try (PreparedStatement take = c.prepareStatement("SELECT pg_try_advisory_lock(" + key + ")")) {
                take.setString(1, stream);
                try (ResultSet rows = take.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        }
        try (Statement timeout = c.createStatement();
             PreparedStatement take = c.prepareStatement("SELECT pg_advisory_lock(" + key + ")")) {
            timeout.execute("SET lock_timeout = " + waitMillis);
            take.setString(1, stream);
            take.executeQuery().close();
            timeout.execute("SET lock_timeout = 0");
            return true;
        } catch (SQLException e) {
            if (PG_LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean mariadb(Connection c, String stream, long waitMillis) throws SQLException {
        // Lock names are server-wide and at most 64 characters: a digest of database and stream.
        try (PreparedStatement take = c.prepareStatement("SELECT GET_LOCK(SHA1(CONCAT(DATABASE(), '/', ?)), ?)")) {
            take.setString(1, stream);
            take.setDouble(2, Math.max(0, waitMillis) / 1000.0);
            try (ResultSet rows = take.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    private static boolean h2(Connection c, String stream, long waitMillis) throws SQLException {
        try (PreparedStatement row = c.prepareStatement(
                "INSERT INTO sync_lock_rows (stream) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sync_lock_rows WHERE stream = ?)")) {
            row.setString(1, stream);
            row.setString(2, stream);
            row.executeUpdate();
        } catch (SQLException alreadyThere) {
            // Another process inserted the row at the same moment; it exists either way.
        }
        c.setAutoCommit(false);
        try (Statement timeout = c.createStatement();
             PreparedStatement take = c.prepareStatement("SELECT stream FROM sync_lock_rows WHERE stream = ? FOR UPDATE")) {
            timeout.execute("SET LOCK_TIMEOUT " + Math.max(0, waitMillis));
            take.setString(1, stream);
            take.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (H2_LOCK_TIMEOUT.equals(e.getSQLState()) || e.getErrorCode() == org.h2.api.ErrorCode.LOCK_TIMEOUT_1) {
                return false;
            }
            throw e;
        }
    }

    private void recordHolder(String stream) throws SQLException {
        jdbc.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_lock_holders WHERE stream = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO sync_lock_holders (stream, holder, acquired_at) VALUES (?, ?, ?)")) {
                delete.setString(1, stream);
                delete.executeUpdate();
                insert.setString(1, stream);
                insert.setString(2, LockHolder.thisProcess());
                database.vendor().bindInstant(insert, 3, clock.instant().truncatedTo(ChronoUnit.MICROS));
                return insert.executeUpdate();
            }
        });
    }

    /** The holder as it described itself, and since when; null when it left no description. */
    private String holder(String stream) {
        try {
            return jdbc.onConnection(c -> {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT holder, acquired_at FROM sync_lock_holders WHERE stream = ?")) {
                    select.setString(1, stream);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            return null;
                        }
                        Instant since = database.vendor().readInstant(rows, "acquired_at");
                        return rows.getString("holder") + ", since " + since;
                    }
                }
            });
        } catch (SQLException e) {
            return null;
        }
    }

    private void release(Connection lock, String stream) {
        try {
            deleteHolder(stream);
        } catch (SQLException e) {
            // The description stays behind; it is only information, and the next holder replaces it.
        } finally {
            closeQuietly(lock); // ending the session frees the lock on every vendor
        }
    }

    private boolean stillOpen(Connection lock) {
        try {
            return lock.isValid(VALIDITY_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.close();
        } catch (SQLException e) {
            // Closing a lock connection that already failed: the database ends the session and its lock anyway.
        }
    }
}
