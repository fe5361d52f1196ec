package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.FaultKind;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import io.klinksync.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cursor walk that ends early keeps every page it received in full, and a walk is bounded. */
class CursorWalkTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aWalkThatFailsAfterTwoPagesKeepsThoseTwoPagesAndDeletesNothing(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().conversations(250))) {
            f.set("sync.page-size", "50").set("api.retry.max-retries", "1");
            List<String> ids = f.sandbox.store().conversations().ids();
            f.sandbox.knobs().failAfter(2, 1000, FaultKind.SERVER_ERROR, "/api/v1/conversations");

            SyncRun failed = f.syncOne("conversations");

            assertThat(failed.status()).isEqualTo("failed");
            assertThat(f.count("SELECT COUNT(*) FROM conversations")).isEqualTo(100);
            for (String id : ids.subList(0, 100)) {
                assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE id = ?", id)).as(id).isEqualTo(1);
            }
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'failed' AND pages = 2")).isEqualTo(1);

            // After a complete pass, the same failure deletes nothing of it.
            f.sandbox.knobs().reset();
            assertThat(f.syncOne("conversations").status()).isEqualTo("success");
            f.sandbox.knobs().failAfter(2, 1000, FaultKind.SERVER_ERROR, "/api/v1/conversations");
            assertThat(f.syncOne("conversations").status()).isEqualTo("failed");
            assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE deleted_at IS NULL"))
                    .isEqualTo(f.sandbox.store().conversations().count());
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aWalkPastTheCeilingOfPagesStopsWithAClearMessage(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().conversations(250))) {
            SyncRun run = f.set("sync.page-size", "50").set("sync.cursor.max-pages", "3").syncOne("conversations");

            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.error()).contains("conversations").contains("3 pages").contains("sync.cursor.max-pages")
                    .contains("Nothing was deleted");
            assertThat(f.sandbox.requests()).extracting(RecordedRequest::path).hasSize(3);
            assertThat(f.count("SELECT COUNT(*) FROM conversations")).isEqualTo(150);
        }
    }
}
