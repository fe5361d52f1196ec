package io.klinksync.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPauseTest {

    private static final RateLimitPause.Backoff BACKOFF = new RateLimitPause.Backoff(500, 2.0, 30_000);

    private final RateLimitPause pause = new RateLimitPause(BACKOFF, 60_000, 0, Clock.systemUTC());

    @Test
    void aNegativeRetryAfterFallsBackToTheBackoff() {
        assertThat(pause.pauseAfter("-5", 0)).isEqualTo(500);
        assertThat(pause.pauseAfter("-5", 2)).isEqualTo(2000);
    }

    @Test
    void anUnreadableOrMissingRetryAfterFallsBackToTheBackoff() {
        assertThat(pause.pauseAfter("soon", 1)).isEqualTo(1000);
        assertThat(pause.pauseAfter("", 3)).isEqualTo(4000);
        assertThat(pause.pauseAfter(null, 20)).as("capped at the max delay").isEqualTo(30_000);
    }

    @Test
    void aReadableRetryAfterIsTheWaitUpToTheCap() {
        assertThat(pause.pauseAfter("2", 0)).isEqualTo(2000);
        assertThat(pause.pauseAfter("3600", 0)).isEqualTo(60_000);
        assertThat(pause.pauseAfter("0", 4)).isZero();
    }

    @Test
    void aPauseHoldsEveryThreadAndReleasesThemOneByOne() throws Exception {
        RateLimitPause jittered = new RateLimitPause(BACKOFF, 60_000, 200, Clock.systemUTC());
        long start = System.currentTimeMillis();
        jittered.pauseAfter("1", 0);
        List<Long> released = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            new Thread(() -> {
                try {
                    jittered.awaitTurn();
                    released.add(System.currentTimeMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();

        List<Long> sorted = released.stream().sorted().toList();
        assertThat(sorted).hasSize(4).allSatisfy(at -> assertThat(at - start).isBetween(1000L, 1000L + 4 * 200 + 200));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("released apart, not together").isGreaterThan(50);
        }
    }

    @Test
    void withoutAPauseARequestGoesAtOnce() throws Exception {
        long start = System.nanoTime();
        new RateLimitPause(BACKOFF, 60_000, 1000, Clock.systemUTC()).awaitTurn();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(50);
    }
}
