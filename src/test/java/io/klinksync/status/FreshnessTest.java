package io.klinksync.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream is fresh until the second firing of its cron after its last success has passed. */
class FreshnessTest {

    private static final String EVERY_15_MINUTES = "0 0/15 * * * ?";
    private static final Instant NOW = Instant.parse("2026-03-02T10:07:00Z");

    @Test
    void aSuccessSinceTheLastFiringIsFresh() {
        Freshness f = Freshness.of(NOW.minus(Duration.ofMinutes(5)), EVERY_15_MINUTES, NOW);
        assertThat(f.state()).isEqualTo("fresh");
        assertThat(f.nextDueAt()).isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
        assertThat(f.ageSeconds()).isEqualTo(300);
    }

    @Test
    void oneFiringSinceTheSuccessMayBeTheRunInProgressAndIsStillFresh() {
        assertThat(Freshness.of(Instant.parse("2026-03-02T09:59:00Z"), EVERY_15_MINUTES, NOW).state()).isEqualTo("fresh");
    }

    @Test
    void twoFiringsWithoutASuccessAreStale() {
        Freshness f = Freshness.of(NOW.minus(Duration.ofHours(2)), EVERY_15_MINUTES, NOW);
        assertThat(f.state()).isEqualTo("stale");
        assertThat(f.missedFirings()).isEqualTo(8);
    }

    @Test
    void noSuccessIsNeverAndABadCronIsUnscheduled() {
        assertThat(Freshness.of(null, EVERY_15_MINUTES, NOW).state()).isEqualTo("never");
        assertThat(Freshness.of(NOW, "*/15 * * * *", NOW).state()).isEqualTo("unscheduled");
    }
}
