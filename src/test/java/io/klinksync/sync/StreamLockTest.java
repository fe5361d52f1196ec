package io.klinksync.sync;

import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.CsvMirrorWriter;
import io.klinksync.mirror.JdbcMirrorWriter;
import io.klinksync.mirror.ReportingSettings;
import io.klinksync.mirror.DeleteMode;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.StreamBusyException;
import io.klinksync.mirror.StreamLock;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer per stream: the lock lives in the mirror, binds other processes, and dies with its holder. */
class StreamLockTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    /** The databases several processes open at once: the servers, and SQLite (its stream locks are file locks). */
    static final List<String> SHARED = List.of("postgresql", "mariadb", "sqlite");

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aSecondWriterOfAStreamIsRefusedWithTheHolderNamedAndTakesItOnceFree(String vendor) {
        try (TestDatabase database = TestDatabase.create(vendor); MirrorDatabase one = open(database);
             MirrorDatabase other = open(database)) {
            MirrorWriter first = new JdbcMirrorWriter(one, DeleteMode.SOFT, new ReportingSettings(true, true, 30));
            MirrorWriter second = new JdbcMirrorWriter(other, DeleteMode.SOFT, new ReportingSettings(true, true, 30));
            StreamLock held = first.lock("contacts", 0);
            assertThatThrownBy(() -> second.lock("contacts", 0)).isInstanceOf(StreamBusyException.class)
                    .hasMessageContaining("Stream contacts is being synced by another klink-sync")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid()).hasMessageContaining("since");
            second.lock("groups", 0).close(); // other streams are free
            long start = System.nanoTime();
            assertThatThrownBy(() -> second.lock("contacts", 400)).isInstanceOf(StreamBusyException.class)
                    .hasMessageContaining("after waiting 400 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).as("waited for sync.lock.wait").isGreaterThanOrEqualTo(350);
            held.close();
            second.lock("contacts", 0).close();
        }
    }

    @Test
    void theCsvMirrorLocksAStreamWithAFileInItsFolder() {
        try (CsvMirrorWriter first = new CsvMirrorWriter(dir); CsvMirrorWriter second = new CsvMirrorWriter(dir)) {
            StreamLock held = first.lock("contacts", 0);
            assertThatThrownBy(() -> second.lock("contacts", 0)).isInstanceOf(StreamBusyException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            held.close();
            second.lock("contacts", 0).close();
        }
    }

    /** Two processes on one stream: one writes, the other exits 2 naming the holder; kill -9 frees the lock. */
    @ParameterizedTest
    @FieldSource("SHARED")
    void aSecondProcessExitsTwoAndAKilledHoldersRunIsAbandonedByTheNext(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(2000))) {
            f.sandbox.knobs().latencyMs(30);
            KlinkProcess holder = sync(f, "holder.log");
            long deadline = System.nanoTime() + 180_000_000_000L; // a child JVM starts slowly on a busy machine
            while (f.okResponses() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            f.sandbox.knobs().latencyMs(5000); // the holder stays mid-walk while the second process starts
            KlinkProcess second = sync(f, "second.log");
            assertThat(second.waitFor()).as(second.output()).isEqualTo(2);
            assertThat(second.output().strip()).as("one line naming stream and holder")
                    .doesNotContain("\n").contains("Stream contacts is being synced by another klink-sync")
                    .contains("pid ").contains("since").doesNotContain(SyncFixture.TOKEN);
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs")).as("the refused process began no run").isEqualTo(1);

            holder.kill();
            f.sandbox.knobs().latencyMs(0);
            SyncRun next = f.syncOne("contacts");
            assertThat(next.status()).as(next.toString()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'abandoned'")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL"))
                    .isEqualTo(f.sandbox.store().contacts().count());
        }
    }

    /** The lock's connection breaks mid-pass (here: its PostgreSQL backend is ended): the pass deletes nothing. */
    @Test
    void aPassThatLostItsLockDeletesNothing() throws Exception {
        try (SyncFixture f = new SyncFixture("postgresql", SandboxOptions.defaults().contacts(500))) {
            f.set("sync.page-size", "10").set("sync.page.concurrency", "1");
            assertThat(f.syncOne("contacts").status()).isEqualTo("success");
            f.sandbox.store().contacts().delete(f.sandbox.store().contacts().ids().get(3));
            f.sandbox.knobs().latencyMs(30);
            Thread breaker = new Thread(() -> {
                try {
                    long served = f.okResponses();
                    while (f.okResponses() < served + 5) {
                        Thread.sleep(10);
                    }
                    f.count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND classid = hashtext('klink-sync')::oid AND objid = hashtext(current_schema() || '/contacts')::oid");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            breaker.start();
            SyncRun run = f.syncOne("contacts");
            breaker.join();
            assertThat(run.status()).as(run.toString()).isEqualTo("failed");
            assertThat(run.error()).contains("writer lock was lost");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL")).isZero();
        }
    }

    private KlinkProcess sync(SyncFixture f, String log) throws Exception {
        return KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve(log), "sync", "--stream",
                "contacts", "--base-url", f.sandbox.baseUrl(), "--jdbc-url", f.database.url(), "--set",
                "mirror.jdbc.user=" + f.database.user(), "--set", "sync.page-size=20", "--set", "sync.page.concurrency=1");
    }

    private static MirrorDatabase open(TestDatabase database) {
        return MirrorDatabase.open(database.url(), database.user(), database.password(), 2);
    }
}
