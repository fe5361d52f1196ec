package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * api.rate-limit=auto against a sandbox limited to 20 requests per second, lowered to 10 in the middle of the
 * sync: the requests the sandbox received per second rise to near 20, fall to 10 after the change, and only a
 * handful are refused.
 */
class AdaptivePaceTest {

    private static final int FIRST_LIMIT = 20;
    private static final int LOWER_LIMIT = 10;
    private static final long LOWERED_AFTER_MILLIS = 8000;
    /** Time the pace is given to reach a new rate before the rate is measured. */
    private static final long SETTLE_MILLIS = 2000;

    @Test
    void theRateRisesToNearTheLimitAndFollowsItDown() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(2400))) {
            f.sandbox.knobs().rateLimit(FIRST_LIMIT);
            f.set("api.rate-limit", "auto").set("sync.page-size", "10").set("sync.page.concurrency", "4");
            CompletableFuture<Instant> lowered = CompletableFuture.supplyAsync(() -> lowerAfterFirstRequest(f));

            SyncRun run = f.syncOne("contacts");
            Instant loweredAt = lowered.get(5, TimeUnit.SECONDS);

            assertThat(run.status()).as(run.error()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());
            List<RecordedRequest> requests = f.sandbox.requests();
            Instant first = requests.get(0).receivedAt();
            Instant last = requests.get(requests.size() - 1).receivedAt();
            double before = servedPerSecond(requests, first.plusMillis(SETTLE_MILLIS), loweredAt);
            double after = servedPerSecond(requests, loweredAt.plusMillis(SETTLE_MILLIS), last);
            long refused = requests.stream().filter(r -> r.status() == 429).count();

            assertThat(before).as("requests/s served at a limit of %d", FIRST_LIMIT).isBetween(0.85 * FIRST_LIMIT, 1.0 * FIRST_LIMIT);
            assertThat(after).as("requests/s served after the limit fell to %d", LOWER_LIMIT).isBetween(0.8 * LOWER_LIMIT, 1.0 * LOWER_LIMIT);
            assertThat(refused).as("429s").isLessThanOrEqualTo(5);
        }
    }

    /** Lowers the sandbox's limit a fixed time after the sync's first request; answers when. */
    private static Instant lowerAfterFirstRequest(SyncFixture f) {
        try {
            while (f.sandbox.requests().isEmpty()) {
                Thread.sleep(10);
            }
            Thread.sleep(LOWERED_AFTER_MILLIS);
            f.sandbox.knobs().rateLimit(LOWER_LIMIT);
            return Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Requests answered other than 429 per second, received in [from, to). */
    private static double servedPerSecond(List<RecordedRequest> requests, Instant from, Instant to) {
        long served = requests.stream()
                .filter(r -> r.status() != 429 && !r.receivedAt().isBefore(from) && r.receivedAt().isBefore(to))
                .count();
        return served / (Duration.between(from, to).toMillis() / 1000.0);
    }
}
