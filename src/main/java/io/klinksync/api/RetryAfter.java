package io.klinksync.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads a Retry-After header, given either as delta-seconds or as an HTTP date, into a wait in milliseconds.
 * Negative seconds are no valid wait and are read as no header at all, so the backoff decides.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static OptionalLong millis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? OptionalLong.empty() : OptionalLong.of(Math.min(seconds, Long.MAX_VALUE / 1000) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                long wait = Duration.between(clock.instant(), at.toInstant()).toMillis();
                return OptionalLong.of(Math.max(0, wait));
            } catch (DateTimeParseException notADate) {
                return OptionalLong.empty();
            }
        }
    }
}
