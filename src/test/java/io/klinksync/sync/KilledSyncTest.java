package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 in the middle of a sync: the mirror keeps its last complete state and the next run completes. */
class KilledSyncTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aKilledRunLeavesTheLastCompleteStateAndTheNextRunCompletes(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(3000))) {
            if (vendor.equals("h2")) {
                f.useDatabase(TestDatabase.h2File(dir));
            }
            SyncRun first = f.syncOne("contacts");
            assertThat(first.status()).as(first.toString()).isEqualTo("success");
            long complete = f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL");
            assertThat(complete).as(first.toString()).isEqualTo(f.sandbox.store().contacts().count());
            // Two records go away in the API: only a complete pass may mark them deleted.
            List<String> ids = f.sandbox.store().contacts().ids();
            f.sandbox.store().contacts().delete(ids.get(5));
            f.sandbox.store().contacts().delete(ids.get(ids.size() - 5));
            f.sandbox.knobs().latencyMs(40);
            f.sandbox.clearRequests();

            KlinkProcess child = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve("child.log"),
                    "sync", "--stream", "contacts", "--base-url", f.sandbox.baseUrl(), "--jdbc-url", f.database.url(),
                    "--set", "mirror.jdbc.user=" + f.database.user(), "--set", "sync.page-size=50");
            long deadline = System.nanoTime() + 180_000_000_000L; // a child JVM starts slowly on a busy machine
            while (f.okResponses() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(f.okResponses()).as(child.output()).isGreaterThanOrEqualTo(12);
            child.kill();

            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).as("after the kill").isEqualTo(complete);
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'running'")).isEqualTo(1);

            f.sandbox.knobs().latencyMs(0);
            SyncRun next = f.syncOne("contacts");
            assertThat(next.status()).as(next.toString()).isEqualTo("success");
            assertThat(next.deleted.get()).as(next.toString()).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).as(next + "; rows marked deleted "
                    + f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL") + "; removed " + ids.get(5) + ", "
                    + ids.get(ids.size() - 5)).isEqualTo(f.sandbox.store().contacts().count());
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'abandoned'")).isEqualTo(1);
        }
    }
}
