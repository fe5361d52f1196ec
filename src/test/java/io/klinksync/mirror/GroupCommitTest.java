package io.klinksync.mirror;

import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLite's page writes (MirrorTransactions#withoutCommitWait) in groups: one waiting behind another shares its
 * commit, a failing one takes back only its own statements, and the WAL is copied into the file off the writer.
 */
class GroupCommitTest {

    private TestDatabase db;
    private MirrorDatabase mirror;
    private MirrorTransactions transactions;

    @BeforeEach
    void open() throws SQLException {
        db = TestDatabase.sqlite();
        mirror = MirrorDatabase.open(db.url(), "", "", 3);
        transactions = new MirrorTransactions(mirror);
        try (Connection c = mirror.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch (v INTEGER NOT NULL, filler TEXT)");
        }
    }

    @AfterEach
    void close() {
        mirror.close();
        db.close();
    }

    @Test
    void aWriteWaitingBehindAnotherCommitsWithIt() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondInside = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> transactions.withoutCommitWait("first",
                c -> insertAndHold(c, 1, firstInside, releaseFirst)));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> transactions.withoutCommitWait("second",
                c -> insertAndHold(c, 2, secondInside, releaseSecond)));
        awaitWaitingWrite();
        releaseFirst.countDown();
        assertThat(secondInside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(rows()).as("the first write's row, before the second's work ends").isZero();
        assertThat(first).as("the first write returns with its group's commit").isNotDone();
        releaseSecond.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aFailingWriteInAGroupTakesBackItsOwnStatementsOnly() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> transactions.withoutCommitWait("first",
                c -> insertAndHold(c, 1, firstInside, releaseFirst)));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> transactions.withoutCommitWait(
                "write the failing rows", c -> {
                    insert(c, 2);
                    insert(c, 3);
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO scratch (v) VALUES (NULL)");
                    }
                    return 0;
                }));
        awaitWaitingWrite();
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MirrorException.class)
                .hasMessageContaining("Cannot write the failing rows");
        assertThat(rows()).as("the first write's row, and none of the failing one's").isEqualTo(1);
        int later = transactions.withoutCommitWait("a later write", c -> insert(c, 4));
        assertThat(later).isEqualTo(4);
        assertThat(rows()).isEqualTo(2);
    }

    /** The writer's commits leave the WAL to a checkpoint of their own, which still copies it into the file. */
    @Test
    void theWalIsCopiedIntoTheFileAfterTheWritesCommit() throws Exception {
        Path file = MirrorVendor.sqliteFile(db.url());
        long before = Files.size(file);
        String filler = "x".repeat(1000);
        transactions.withoutCommitWait("write 1,000 rows", c -> {
            try (var insert = c.prepareStatement("INSERT INTO scratch (v, filler) VALUES (?, ?)")) {
                for (int i = 0; i < 1000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, filler);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.size(file) < before + 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.size(file)).as("the file, with the rows the WAL held copied in").isGreaterThan(before + 1_000_000);
    }

    @Test
    void aWriteAfterTheMirrorClosedFailsInsteadOfOpeningAWriterNobodyCloses() {
        transactions.withoutCommitWait("a write before", c -> insert(c, 1));
        mirror.close();
        assertThatThrownBy(() -> transactions.withoutCommitWait("write after the close", c -> insert(c, 2)))
                .isInstanceOf(MirrorException.class).hasMessageContaining("closed before this write");
    }

    private void awaitWaitingWrite() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!mirror.groupCommit().writesWaiting() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(mirror.groupCommit().writesWaiting()).as("a write waits for its turn").isTrue();
    }

    private static int insertAndHold(Connection c, int value, CountDownLatch inside, CountDownLatch release)
            throws SQLException {
        insert(c, value);
        inside.countDown();
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return value;
    }

    private static int insert(Connection c, int value) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO scratch (v) VALUES (" + value + ")");
        }
        return value;
    }

    /** Rows another connection sees: only what was committed. */
    private int rows() throws SQLException {
        try (Connection c = mirror.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM scratch")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
