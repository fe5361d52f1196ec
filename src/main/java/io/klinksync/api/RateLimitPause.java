package io.klinksync.api;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's shared answer to a rate limit. A 429 (or a Retry-After on any error) moves one "not before"
 * instant forward, and every request of the process, on whichever thread, waits for it just before it is
 * sent: the API's budget is exhausted for the client as a whole, not for the one thread that was told. Each
 * waiting request is released at its own random moment after the pause, so the threads do not all come back
 * in the same millisecond and exhaust the budget again.
 */
public final class RateLimitPause {

    private final AtomicLong notBeforeMillis = new AtomicLong();
    private final Backoff backoff;
    private final long retryAfterCapMillis;
    private final long jitterMillis;
    private final Clock clock;

    /** The exponential backoff of the retry policy, used when a response says nothing usable about waiting. */
    public record Backoff(long initialDelayMillis, double multiplier, long maxDelayMillis) {

        /** The wait before retry number retriesSoFar + 1. */
        long millis(int retriesSoFar) {
            double delay = initialDelayMillis * Math.pow(multiplier, Math.max(0, retriesSoFar));
            return (long) Math.min(delay, maxDelayMillis);
        }
    }

    public RateLimitPause(Backoff backoff, long retryAfterCapMillis, long jitterMillis, Clock clock) {
        this.backoff = backoff;
        this.retryAfterCapMillis = retryAfterCapMillis;
        this.jitterMillis = Math.max(0, jitterMillis);
        this.clock = clock;
    }

    /** Holds the calling request while a pause is on; a pause extended meanwhile is waited out too. */
    public void awaitTurn() throws InterruptedException {
        long until = notBeforeMillis.get();
        long now;
        while ((now = clock.millis()) < until) {
            Thread.sleep(until - now + ThreadLocalRandom.current().nextLong(jitterMillis + 1));
            until = notBeforeMillis.get();
        }
    }

    /**
     * Pauses every request for the response's Retry-After (capped), or for the backoff of this attempt when the
     * header is absent, negative or unreadable. Answers the pause in milliseconds.
     */
    public long pauseAfter(String retryAfterHeader, int retriesSoFar) {
        long pause = RetryAfter.millis(retryAfterHeader, clock).stream()
                .map(ms -> Math.min(ms, retryAfterCapMillis))
                .findFirst()
                .orElseGet(() -> backoff.millis(retriesSoFar));
        notBeforeMillis.accumulateAndGet(clock.millis() + pause, Math::max);
        return pause;
    }

    /** The instant (epoch ms) before which no request is sent; in the past when no pause is on. */
    public long notBeforeMillis() {
        return notBeforeMillis.get();
    }
}
