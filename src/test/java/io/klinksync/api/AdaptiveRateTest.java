package io.klinksync.api;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Increase and decrease of api.rate-limit=auto, on a clock the test moves. */
class AdaptiveRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AdaptiveRate rate = new AdaptiveRate(now::get);

    private static Map<String, String> headers(int limit, int remaining, String reset) {
        return Map.of(RateLimitHeaders.LIMIT, Integer.toString(limit), RateLimitHeaders.REMAINING,
                Integer.toString(remaining), RateLimitHeaders.RESET, reset);
    }

    private void answers(int count, long everyMillis, int status, Map<String, String> headers) {
        for (int i = 0; i < count; i++) {
            now.addAndGet(everyMillis);
            rate.onResponse(status, headers, true, rate.admit());
        }
    }

    @Test
    void withoutHeadersTheRateDoublesEachSecondUntilA429HalvesItThenRisesOnePerSecond() {
        assertThat(rate.rate()).isEqualTo(AdaptiveRate.START_RATE);
        answers(50, 100, 200, Map.of());
        assertThat(rate.rate()).as("five seconds of answers").isCloseTo(AdaptiveRate.START_RATE * 32, within(0.5));

        answers(1, 100, 429, Map.of());
        assertThat(rate.rate()).isCloseTo(AdaptiveRate.START_RATE * 32 / 2, within(0.5));
        double halved = rate.rate();
        answers(100, 100, 200, Map.of());
        assertThat(rate.rate()).as("ten seconds of answers after the 429").isCloseTo(halved + 10, within(0.01));
    }

    @Test
    void requestsInFlightTogetherRefusedTogetherHalveTheRateOnce() {
        answers(30, 100, 200, Map.of());
        answers(3, 10, 429, Map.of());
        assertThat(rate.rate()).isCloseTo(AdaptiveRate.START_RATE * 8 / 2, within(0.1));
        double once = rate.rate();
        answers(1, 1000, 429, Map.of());
        assertThat(rate.rate()).as("a 429 a second later is new pressure").isCloseTo(once / 2, within(0.01));
    }

    @Test
    void theRateNeverFallsBelowTheMinimum() {
        answers(20, 1000, 429, Map.of());
        assertThat(rate.rate()).isEqualTo(AdaptiveRate.MIN_RATE);
    }

    @Test
    void aRateNobodyWaitsForIsNotRaised() {
        for (int i = 0; i < 100; i++) {
            now.addAndGet(100);
            rate.onResponse(200, Map.of(), false, rate.admit());
        }
        assertThat(rate.rate()).isEqualTo(AdaptiveRate.START_RATE);
    }

    @Test
    void theAdvertisedLimitIsReachedInAboutASecondAndNeverPassed() {
        answers(1, 10, 200, headers(20, 19, "0.990"));
        assertThat(rate.rate()).as("half the ceiling at once").isCloseTo(9.5, within(0.1));

        answers(10, 100, 200, headers(20, 10, "0.500"));
        assertThat(rate.rate()).isCloseTo(19, within(0.01));
        answers(100, 50, 200, headers(20, 10, "0.500"));
        assertThat(rate.rate()).as("0.95 x 20 per 1 s").isCloseTo(19, within(0.01));
        assertThat(rate.advertised()).isEqualTo("20 per 1 s");
    }

    @Test
    void aWindowLongerThanASecondSpreadsTheLimitOverIt() {
        answers(1, 10, 200, headers(600, 599, "59.9"));
        answers(100, 100, 200, headers(600, 500, "50"));
        assertThat(rate.rate()).as("0.95 x 600 per 60 s").isCloseTo(9.5, within(0.01));
    }

    @Test
    void aLoweredLimitLowersTheRateAtOnce() {
        answers(30, 100, 200, headers(20, 10, "0.5"));
        assertThat(rate.rate()).isCloseTo(19, within(0.01));
        answers(1, 10, 200, headers(10, 5, "0.5"));
        assertThat(rate.rate()).isCloseTo(9.5, within(0.01));
    }

    @Test
    void a429HalvesTheRateAndItClimbsBackToTheCeiling() {
        answers(30, 100, 200, headers(20, 10, "0.5"));
        answers(1, 10, 429, headers(20, 0, "0.4"));
        assertThat(rate.rate()).isCloseTo(9.5, within(0.01));
        answers(10, 100, 200, headers(20, 10, "0.5"));
        assertThat(rate.rate()).isCloseTo(19, within(0.01));
    }

    @Test
    void remainingZeroHoldsUntilTheWindowResets() {
        answers(1, 10, 200, headers(20, 0, "0.250"));
        assertThat(rate.holdMillis()).isEqualTo(250);
        assertThat(rate.admit()).isEqualTo(-250);
        now.addAndGet(200);
        assertThat(rate.holdMillis()).isEqualTo(50);
        now.addAndGet(100);
        assertThat(rate.holdMillis()).isZero();
        assertThat(rate.admit()).isPositive();
    }

    @Test
    void requestsSentBeforeAnAnswerCameBackCountAgainstWhatRemains() {
        long first = rate.admit();
        rate.admit();
        rate.admit();
        now.addAndGet(10);
        rate.onResponse(200, headers(20, 2, "0.500"), true, first);
        assertThat(rate.holdMillis()).as("requests 2 and 3 used the two left").isEqualTo(500);
    }

    @Test
    void aLateAnswerFromAnOlderWindowDoesNotHold() {
        long older = rate.admit();
        long newer = rate.admit();
        now.addAndGet(10);
        rate.onResponse(200, headers(20, 15, "0.900"), true, newer);
        rate.onResponse(200, headers(20, 0, "0.001"), true, older);
        assertThat(rate.holdMillis()).isZero();
    }

    @Test
    void aResetGivenAsUnixTimeIsReadAsTheInstantTheWindowEnds() {
        now.set(1_700_000_000_000L);
        long epochSeconds = now.get() / 1000 + 2;
        answers(1, 0, 200, headers(20, 0, Long.toString(epochSeconds)));
        assertThat(rate.holdMillis()).isEqualTo(2000);
    }
}
