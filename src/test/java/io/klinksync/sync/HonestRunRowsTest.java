package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.FaultKind;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that failed while other pages were still being fetched and written: its row says what it really wrote. */
class HonestRunRowsTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aFailedRunStopsWritingAndItsRowCountsWhatItWrote(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(2000))) {
            f.set("sync.page-size", "10").set("sync.page.concurrency", "4").set("sync.pages-per-write", "1")
                    .set("api.retry.max-retries", "0");
            // One page fails at once while three others are still on their way, then written.
            f.sandbox.knobs().latencyMs(150);
            Thread failer = new Thread(() -> {
                while (f.okResponses() < 30) {
                    Thread.onSpinWait();
                }
                f.sandbox.knobs().failNext(1, FaultKind.SERVER_ERROR, "/contacts");
            });
            failer.setDaemon(true);
            failer.start();

            SyncRun run = f.syncOne("contacts");

            assertThat(run.status()).as(run.toString()).isEqualTo("failed");
            Map<String, Object> row = f.row("SELECT * FROM sync_runs WHERE id = ?", run.id());
            long rows = f.count("SELECT COUNT(*) FROM contacts");
            assertThat(((Number) row.get("records_seen")).longValue()).as(run + " vs its row " + row).isEqualTo(rows)
                    .isEqualTo(run.seen.get());
            assertThat(((Number) row.get("pages")).longValue()).as(row.toString()).isEqualTo(run.pages.get())
                    .isEqualTo(rows / 10);
            Instant ended = SyncFixture.instant(row.get("ended_at"));
            Instant lastWrite = SyncFixture.instant(f.row("SELECT MAX(synced_at) AS m FROM contacts").get("m"));
            assertThat(lastWrite).as("the last write is before the run's end").isBeforeOrEqualTo(ended);
            // Nothing is written after the run ended, however long its page threads went on.
            Thread.sleep(300);
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(rows);
        }
    }
}
