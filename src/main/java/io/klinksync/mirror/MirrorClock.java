package io.klinksync.mirror;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The JDBC mirror's time: database timestamps keep microseconds, so ours do too. */
final class MirrorClock {

    private final Clock clock;

    MirrorClock(Clock clock) {
        this.clock = clock;
    }

    /** Truncated, so what we write stays equal to what we read back. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Now, or the walk's start if the clock stepped back since: synced_at is what marks a record as seen. */
    Instant notBefore(Instant walkStartedAt) {
        Instant now = now();
        return now.isAfter(walkStartedAt) ? now : walkStartedAt;
    }
}
