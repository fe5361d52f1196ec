package io.klinksync.mirror;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies the page writes' WAL frames into the SQLite file on a thread of its own, after each group commit. SQLite's
 * automatic checkpoint would do it inside the commit, while the one write lock is held and every other page write
 * waits. The WAL starts over from its beginning only when a write begins after a checkpoint copied every frame;
 * while page writes follow each other closely that never happens by itself, so once the WAL is past
 * {@link #RESTART_FRAMES} the next group first copies the last frames itself, and the WAL starts over.
 */
final class WalCheckpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    /** 64 MB of 4 KB pages. */
    static final long RESTART_FRAMES = 16_384;

    private final DataSource dataSource;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "klink-wal-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** One checkpoint at a time: SQLite answers a second with busy and copies nothing. */
    private final ReentrantLock running = new ReentrantLock();
    /** Frames in the WAL at the last checkpoint. */
    private final AtomicLong frames = new AtomicLong();

    WalCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** After a commit: one checkpoint soon, unless one is already due. */
    void afterCommit() {
        if (pending.compareAndSet(false, true)) {
            thread.execute(() -> {
                pending.set(false);
                checkpoint();
            });
        }
    }

    /** Before a group begins, on the writer's turn: when the WAL is long, the last frames now, so it starts over. */
    void beforeBegin(Connection writer) {
        if (frames.get() >= RESTART_FRAMES) {
            checkpoint(writer);
            frames.set(0);
        }
    }

    private void checkpoint() {
        try (Connection c = dataSource.getConnection()) {
            checkpoint(c);
        } catch (SQLException e) {
            LOG.debug("No connection for a WAL checkpoint: {}", e.getMessage());
        }
    }

    private void checkpoint(Connection c) {
        running.lock();
        try (Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // busy, frames in the WAL, frames copied
            if (result.next()) {
                frames.set(result.getLong(2));
            }
        } catch (SQLException e) {
            // Not the page writes' failure: the frames stay in the WAL, and the next checkpoint copies them.
            LOG.debug("A WAL checkpoint did not complete: {}", e.getMessage());
        } finally {
            running.unlock();
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
