package io.klinksync.api;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The rate-limit headers the API (and the sandbox, which imitates it) sends, read the same way on both sides.
 * X-RateLimit-Reset is the seconds until the current window ends; the sandbox gives milliseconds as decimals,
 * since a one-second window rounded up to whole seconds would always say 1. A value that looks like a Unix time
 * (some APIs send one) is read as the instant the window ends.
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    /** Larger than any window in seconds, smaller than any Unix time in seconds since 1973. */
    private static final double UNIX_TIME_FLOOR = 1e8;

    private RateLimitHeaders() {
    }

    /** A header's number, or empty when it is absent, blank, not a number or negative. */
    public static OptionalDouble number(Map<String, ?> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double number = Double.parseDouble(value.toString().trim());
            return number >= 0 && Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
    }

    /** X-RateLimit-Reset as seconds from now until the window ends (never negative). */
    public static OptionalDouble resetSeconds(Map<String, ?> headers, long nowMillis) {
        OptionalDouble reset = number(headers, RESET);
        if (reset.isEmpty() || reset.getAsDouble() < UNIX_TIME_FLOOR) {
            return reset;
        }
        return OptionalDouble.of(Math.max(0, reset.getAsDouble() - nowMillis / 1000.0));
    }
}
