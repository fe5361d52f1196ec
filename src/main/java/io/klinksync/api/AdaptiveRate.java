package io.klinksync.api;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The rate of api.rate-limit=auto, decided from the API's answers: additive increase while the API allows,
 * multiplicative decrease at the first 429. Plain AIMD saws between half the limit and the limit (an earlier
 * attempt reached 10.9 of 20 requests/s), so the X-RateLimit headers set a ceiling just under the advertised
 * rate: the rate climbs to it fast and stays there instead of probing for the limit by hitting it.
 * <ul>
 * <li>X-RateLimit-Limit per window (the window is the longest X-RateLimit-Reset seen, in whole seconds): the
 *     ceiling is {@value #HEADROOM} x limit / window; a lowered limit lowers the rate at once.</li>
 * <li>X-RateLimit-Remaining 0: hold every request until X-RateLimit-Reset.</li>
 * <li>429: halve the rate, once for the requests that were in flight together (RateLimitPause honours its
 *     Retry-After for the whole process).</li>
 * <li>Without headers: the same AIMD, driven by 429s alone.</li>
 * </ul>
 */
final class AdaptiveRate {

    /** Where a run starts before the API has said anything: far below any API limit we know of. */
    static final double START_RATE = 5;
    static final double MIN_RATE = 1;
    /** Share of the advertised rate aimed at: the margin absorbs requests bunched by thread scheduling. */
    static final double HEADROOM = 0.95;
    /** Requests/s gained per second of answers while nothing tells the limit. */
    static final double PROBE_STEP = 1;
    /** With a known ceiling, the share of it gained per second: back at the ceiling two seconds after a halving. */
    static final double CLIMB_SHARE = 0.5;
    static final double DECREASE = 0.5;
    /** Requests in flight together when the first 429 came are refused together: one halving covers them. */
    static final long DECREASE_GUARD_MILLIS = 1000;

    private final LongSupplier clock;
    private double rate = START_RATE;
    private double ceiling = Double.NaN;
    private double limit = Double.NaN;
    private long windowSeconds = 1;
    private long lastIncreaseMillis;
    private long lastDecreaseMillis = Long.MIN_VALUE / 2;
    private long holdUntilMillis;

    /** {@code clock} answers the time in milliseconds (System::currentTimeMillis outside tests). */
    AdaptiveRate(LongSupplier clock) {
        this.clock = clock;
        this.lastIncreaseMillis = clock.getAsLong();
    }

    /**
     * Learns from one answer. {@code paceBound}: requests have been waiting for the pace, so a higher rate
     * would be used; a rate nobody waits for is not raised, or one 429 would later halve a rate never sent.
     */
    synchronized void onResponse(int status, Map<String, ?> headers, boolean paceBound) {
        long now = clock.getAsLong();
        OptionalDouble reset = RateLimitHeaders.resetSeconds(headers, now);
        learnCeiling(RateLimitHeaders.number(headers, RateLimitHeaders.LIMIT), reset);
        OptionalDouble remaining = RateLimitHeaders.number(headers, RateLimitHeaders.REMAINING);
        if (remaining.isPresent() && remaining.getAsDouble() < 1 && reset.isPresent()) {
            holdUntilMillis = Math.max(holdUntilMillis, now + (long) Math.ceil(reset.getAsDouble() * 1000));
        }
        if (status == 429) {
            if (now - lastDecreaseMillis >= DECREASE_GUARD_MILLIS) {
                rate = Math.max(MIN_RATE, rate * DECREASE);
                lastDecreaseMillis = now;
            }
            lastIncreaseMillis = now;
            return;
        }
        if (paceBound) {
            double step = hasCeiling() ? ceiling * CLIMB_SHARE : PROBE_STEP;
            rate = Math.min(hasCeiling() ? ceiling : Double.MAX_VALUE, rate + step * (now - lastIncreaseMillis) / 1000.0);
        }
        lastIncreaseMillis = now;
    }

    private void learnCeiling(OptionalDouble advertised, OptionalDouble reset) {
        if (advertised.isEmpty() || advertised.getAsDouble() < 1) {
            return;
        }
        if (reset.isPresent()) {
            windowSeconds = Math.max(windowSeconds, (long) Math.ceil(reset.getAsDouble()));
        }
        boolean first = !hasCeiling();
        limit = advertised.getAsDouble();
        ceiling = Math.max(MIN_RATE, HEADROOM * limit / windowSeconds);
        if (first) {
            rate = Math.max(rate, ceiling * CLIMB_SHARE); // the API has said how much it allows: no slow probing up
        }
        rate = Math.min(rate, ceiling);
    }

    synchronized double rate() {
        return rate;
    }

    synchronized boolean hasCeiling() {
        return !Double.isNaN(ceiling);
    }

    /** The advertised limit and window, e.g. "20 per 1 s", or empty before any X-RateLimit-Limit. */
    synchronized String advertised() {
        return hasCeiling() ? FixedPace.perSecond(limit).replace("/s", "") + " per " + windowSeconds + " s" : "";
    }

    /** Milliseconds from now until the API's window resets, while its Remaining said 0; else 0. */
    synchronized long holdMillis() {
        return Math.max(0, holdUntilMillis - clock.getAsLong());
    }
}
