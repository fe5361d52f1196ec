package io.klinksync.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsBecomeMilliseconds() {
        assertThat(RetryAfter.millis("3", clock)).hasValue(3000);
    }

    @Test
    void anHttpDateBecomesTheWaitUntilThen() {
        assertThat(RetryAfter.millis("Sun, 22 Nov 2026 10:00:30 GMT", clock)).hasValue(30_000);
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.millis("Sun, 22 Nov 2026 09:00:00 GMT", clock)).hasValue(0);
    }

    @Test
    void garbageAndAbsenceMeanTheBackoffDecides() {
        assertThat(RetryAfter.millis("soon", clock)).isEmpty();
        assertThat(RetryAfter.millis(null, clock)).isEmpty();
    }

    @Test
    void negativeSecondsAreNoWaitAtAllSoTheBackoffDecides() {
        assertThat(RetryAfter.millis("-5", clock)).isEmpty();
    }
}
