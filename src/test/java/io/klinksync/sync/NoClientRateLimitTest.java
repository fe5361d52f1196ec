package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** api.rate-limit=0 means no client-side limit: the throttle once admitted nothing at 0, and every run hung. */
class NoClientRateLimitTest {

    @Test
    void aRateLimitOfZeroSyncsWithoutAnyClientLimit() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(200))) {
            f.set("api.rate-limit", "0").set("sync.page-size", "10");

            SyncRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> f.syncOne("contacts"));

            assertThat(run.status()).as(run.error()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());
        }
    }
}
