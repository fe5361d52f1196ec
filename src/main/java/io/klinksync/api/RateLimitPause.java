package io.klinksync.api;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's shared answer to a rate limit. A 429 (or a Retry-After on any error) moves one "not before"
 * instant forward, and every request of the process, on whichever thread, waits for it just before it is
 * sent: the API's budget is exhausted for the client as a whole, not for the one thread that was told. When the
 * pause ends, the waiting requests go one per turn of {@code spacing} ms, each at a random moment in the first half
 * of its turn: they neither come back in the same millisecond nor in a fixed rhythm, and the API's budget is
 * not spent again in one burst.
 */
public final class RateLimitPause {

    private final AtomicReference<Pause> pause = new AtomicReference<>(new Pause(0));
    private final Backoff backoff;
    private final long retryAfterCapMillis;
    private final long spacingMillis;
    private final Clock clock;

    /** One pause: when it ends, and how many waiting requests took a turn after it. */
    private record Pause(long untilMillis, AtomicInteger turnsTaken) {
        Pause(long untilMillis) {
            this(untilMillis, new AtomicInteger());
        }
    }

    /** The exponential backoff of the retry policy, used when a response says nothing usable about waiting. */
    public record Backoff(long initialDelayMillis, double multiplier, long maxDelayMillis) {

        /** The wait before retry number retriesSoFar + 1. */
        long millis(int retriesSoFar) {
            double delay = initialDelayMillis * Math.pow(multiplier, Math.max(0, retriesSoFar));
            return (long) Math.min(delay, maxDelayMillis);
        }
    }

    public RateLimitPause(Backoff backoff, long retryAfterCapMillis, long spacingMillis, Clock clock) {
        this.backoff = backoff;
        this.retryAfterCapMillis = retryAfterCapMillis;
        this.spacingMillis = Math.max(0, spacingMillis);
        this.clock = clock;
    }

    /** Holds the calling request while a pause is on, until its turn after it; a pause extended meanwhile is waited out too. */
    public void awaitTurn() throws InterruptedException {
        Pause current = pause.get();
        long now;
        while ((now = clock.millis()) < current.untilMillis()) {
            long turn = current.turnsTaken().getAndIncrement();
            long releaseAt = current.untilMillis() + turn * spacingMillis
                    + ThreadLocalRandom.current().nextLong(spacingMillis / 2 + 1);
            Thread.sleep(releaseAt - now);
            current = pause.get();
        }
    }

    /**
     * Pauses every request for the response's Retry-After (capped), or for the backoff of this attempt when the
     * header is absent, negative or unreadable. Answers the pause in milliseconds.
     */
    public long pauseAfter(String retryAfterHeader, int retriesSoFar) {
        long wait = RetryAfter.millis(retryAfterHeader, clock).stream()
                .map(ms -> Math.min(ms, retryAfterCapMillis))
                .findFirst()
                .orElseGet(() -> backoff.millis(retriesSoFar));
        long until = clock.millis() + wait;
        pause.updateAndGet(current -> current.untilMillis() >= until ? current : new Pause(until));
        return wait;
    }
}
