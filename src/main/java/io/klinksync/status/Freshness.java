package io.klinksync.status;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * How old a stream's last success is against its cron: fresh while the second firing after that success has not
 * come yet (the first may still be running), stale once it has, never when no run ever succeeded.
 */
public record Freshness(String state, Instant lastSuccessAt, Long ageSeconds, Instant nextDueAt, int missedFirings,
                        String schedule) {

    /** Firings counted as missed, at most; beyond that the age says enough. */
    private static final int MISSED_COUNT_LIMIT = 1000;

    public static Freshness of(Instant lastSuccess, String cron, Instant now) {
        Long age = lastSuccess == null ? null : Duration.between(lastSuccess, now).toSeconds();
        CronExpression expression = parse(cron);
        if (lastSuccess == null) {
            Instant next = expression == null ? null : next(expression, now);
            return new Freshness("never", null, null, next, 0, cron);
        }
        if (expression == null) {
            return new Freshness("unscheduled", lastSuccess, age, null, 0, cron);
        }
        Instant first = next(expression, lastSuccess);
        int missed = 0;
        Instant firing = first;
        while (firing != null && !firing.isAfter(now) && missed < MISSED_COUNT_LIMIT) {
            missed++;
            firing = next(expression, firing);
        }
        // The first firing after a success may be the run in progress; only a second one proves a run is missing.
        String state = missed >= 2 ? "stale" : "fresh";
        return new Freshness(state, lastSuccess, age, firing, missed, cron);
    }

    private static CronExpression parse(String cron) {
        if (cron == null || cron.isBlank()) {
            return null;
        }
        try {
            return new CronExpression(cron.trim());
        } catch (ParseException e) {
            return null;
        }
    }

    private static Instant next(CronExpression expression, Instant after) {
        Date next = expression.getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }
}
