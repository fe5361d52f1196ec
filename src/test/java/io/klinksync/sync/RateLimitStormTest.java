package io.klinksync.sync;

import io.klinksync.config.Settings;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four page threads against an API that serves fewer requests per second than they ask for: a 429 pauses the
 * process as a whole, and the paused threads come back one by one, not in the same millisecond. Before the
 * shared pause, each thread waited out its own Retry-After: they came back together, used up the next second's
 * budget at once, and a page ran out of retries.
 */
class RateLimitStormTest {

    /** Requests landing this close together count as one burst. */
    private static final Duration BURST = Duration.ofMillis(5);

    @Test
    void fourThreadsAgainstTwoRequestsPerSecondSucceedWithRetriesSpreadOut() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(150))) {
            shippedRetryPolicy(f);
            // A fixed client rate far above the API's: auto would follow the API's headers and never be refused.
            f.set("api.rate-limit", "25");
            f.sandbox.knobs().rateLimit(2);
            SyncRun run = f.set("sync.page.concurrency", "4").set("sync.page-size", "10")
                    .syncOne("contacts");

            List<RecordedRequest> requests = f.sandbox.requests();
            assertThat(run.status()).as(run.error()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());
            assertThat(requests).as("the sandbox limited the sync").anyMatch(r -> r.status() == 429);

            List<RecordedRequest> retries = retries(requests);
            assertThat(retries).isNotEmpty();
            for (int i = 1; i < retries.size(); i++) {
                Duration gap = Duration.between(retries.get(i - 1).receivedAt(), retries.get(i).receivedAt());
                assertThat(gap).as("retries %s and %s", retries.get(i - 1).pathAndQuery(), retries.get(i).pathAndQuery())
                        .isGreaterThan(BURST);
            }
        }
    }

    /** The shipped retry settings, not the fixture's quick ones: the storm is about the real policy. */
    private static void shippedRetryPolicy(SyncFixture f) {
        Settings shipped = Settings.load(Path.of("config"), Map.of(), Map.of());
        for (String key : List.of("api.retry.initial-delay", "api.retry.max-delay")) {
            f.set(key, shipped.get(key));
        }
    }

    /** Requests for a page that was answered 429 before: the retries. */
    private static List<RecordedRequest> retries(List<RecordedRequest> requests) {
        Set<String> limited = new HashSet<>();
        return requests.stream().filter(r -> {
            boolean retry = limited.contains(r.pathAndQuery());
            if (r.status() == 429) {
                limited.add(r.pathAndQuery());
            }
            return retry;
        }).toList();
    }
}
