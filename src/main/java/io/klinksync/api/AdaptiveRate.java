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
 * <li>X-RateLimit-Remaining R in the answer to request number m: requests up to number m + R may go in that
 *     window; beyond them, every request waits for X-RateLimit-Reset. Requests already sent when the answer
 *     arrives count too, so bunched requests (a busy machine) do not overrun the window.</li>
 * <li>429: halve the rate, once for the requests that were in flight together (RateLimitPause honours its
 *     Retry-After for the whole process).</li>
 * <li>Without headers: a slow start that doubles the rate each second while requests wait for it, until the
 *     first 429; from then the same AIMD, driven by 429s alone. An API that sends no rate headers and never
 *     refuses is not held to a crawl.</li>
 * </ul>
 */
final class AdaptiveRate {

    /** Where a run starts before the API has said anything: far below any API limit we know of. */
    static final double START_RATE = 5;
    static final double MIN_RATE = 1;
    /** Share of the advertised rate aimed at: the margin absorbs requests bunched by thread scheduling. */
    static final double HEADROOM = 0.95;
    /** Requests/s gained per second of answers while nothing tells the limit, after the first 429. */
    static final double PROBE_STEP = 1;
    /** Before any 429 and without headers, the rate doubles each second of answers. */
    static final double SLOW_START_GROWTH = 2;
    /** With a known ceiling, the share of it gained per second: back at the ceiling two seconds after a halving. */
    static final double CLIMB_SHARE = 0.5;
    static final double DECREASE = 0.5;
    /** Requests in flight together when the first 429 came are refused together: one halving covers them. */
    static final long DECREASE_GUARD_MILLIS = 1000;

    private final LongSupplier clock;
    private double rate = START_RATE;
    private boolean slowStart = true;
    private double ceiling = Double.NaN;
    private double limit = Double.NaN;
    private long windowSeconds = 1;
    private long lastIncreaseMillis;
    private long lastDecreaseMillis = Long.MIN_VALUE / 2;
    /** Requests let through so far; each one's number is given back with its answer. */
    private long sent;
    /** The API's current window: when it resets (wall clock) and the last request number it still admits. */
    private long windowResetMillis = Long.MIN_VALUE / 2;
    private long lastAdmitted;

    /** {@code clock} answers the time in milliseconds (System::currentTimeMillis outside tests). */
    AdaptiveRate(LongSupplier clock) {
        this.clock = clock;
        this.lastIncreaseMillis = clock.getAsLong();
    }

    /**
     * Learns from one answer. {@code paceBound}: requests used the pace's slots, so a higher rate would be used;
     * without a known ceiling a rate nobody uses is not raised, or it would grow without bound and a 429 storm
     * would take many halvings to end.
     */
    synchronized void onResponse(int status, Map<String, ?> headers, boolean paceBound, long requestNumber) {
        long now = clock.getAsLong();
        OptionalDouble reset = RateLimitHeaders.resetSeconds(headers, now);
        boolean ceilingKnown = hasCeiling();
        learnCeiling(RateLimitHeaders.number(headers, RateLimitHeaders.LIMIT), reset);
        OptionalDouble remaining = RateLimitHeaders.number(headers, RateLimitHeaders.REMAINING);
        if (remaining.isPresent() && reset.isPresent() && requestNumber > 0) {
            learnWindow(now + (long) Math.ceil(reset.getAsDouble() * 1000), requestNumber + (long) remaining.getAsDouble());
        }
        if (status == 429) {
            slowStart = false;
            if (now - lastDecreaseMillis >= DECREASE_GUARD_MILLIS) {
                rate = Math.max(MIN_RATE, rate * DECREASE);
                lastDecreaseMillis = now;
            }
            lastIncreaseMillis = now;
            return;
        }
        boolean ceilingJustLearned = !ceilingKnown && hasCeiling(); // learnCeiling has set the rate itself
        double seconds = ceilingJustLearned ? 0 : (now - lastIncreaseMillis) / 1000.0;
        if (hasCeiling()) {
            // the API has said what it allows: climbing to just under it needs no proof of demand
            rate = Math.min(ceiling, rate + ceiling * CLIMB_SHARE * seconds);
        } else if (paceBound) {
            rate = slowStart ? rate * Math.pow(SLOW_START_GROWTH, seconds) : rate + PROBE_STEP * seconds;
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

    /**
     * Answers of one window reset at about the same instant; a window's first answer resets at least a window
     * after the last one's. Answers of an older window, arriving late, say nothing about the current one.
     */
    private void learnWindow(long resetMillis, long admittedUpTo) {
        long half = windowSeconds * 500;
        if (resetMillis > windowResetMillis + half) {
            windowResetMillis = resetMillis;
            lastAdmitted = admittedUpTo;
        } else if (resetMillis >= windowResetMillis - half) {
            windowResetMillis = Math.max(windowResetMillis, resetMillis);
            lastAdmitted = Math.min(lastAdmitted, admittedUpTo);
        }
    }

    /** The number of the request let through now (from 1), or minus the milliseconds until the window resets. */
    synchronized long admit() {
        long hold = holdMillis();
        return hold > 0 ? -hold : ++sent;
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

    /** Milliseconds from now until the API's window resets, while the window has no request left; else 0. */
    synchronized long holdMillis() {
        long untilReset = windowResetMillis - clock.getAsLong();
        return sent >= lastAdmitted && untilReset > 0 ? untilReset : 0;
    }
}
