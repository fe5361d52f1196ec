package io.klinksync.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The verdicts readiness is made of, each with the reason in words: the mirror answers, the API accepted the
 * token, and per stream, its last run did not fail and its last success is within sync.STREAM.max-age.
 */
public final class StreamHealth {

    /** Words of the API's answer to a refused token (ApiResponse), as stored in a failed run's error. */
    private static final String TOKEN_REFUSED = "refused the token";

    public record Verdict(boolean up, String reason) {
        static Verdict ok(String reason) {
            return new Verdict(true, reason);
        }

        static Verdict down(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final RunHistory history;
    private final Schedules schedules;
    private final Collection<String> streams;
    private final Instant startedAt;
    private final Clock clock;

    public StreamHealth(RunHistory history, Schedules schedules, Collection<String> streams, Instant startedAt, Clock clock) {
        this.history = history;
        this.schedules = schedules;
        this.streams = streams;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    public Verdict mirror() {
        try {
            history.ping();
            return Verdict.ok("the mirror answers");
        } catch (Exception e) {
            return Verdict.down("the mirror is unreachable: " + e.getMessage());
        }
    }

    /** DOWN while the newest ended run of any stream failed because the API refused the token. */
    public Verdict token() {
        try {
            for (String stream : streams) {
                Optional<RunHistory.Run> last = history.lastEnded(stream);
                if (last.isPresent() && "failed".equals(last.get().status()) && last.get().error() != null
                        && last.get().error().contains(TOKEN_REFUSED)) {
                    return Verdict.down("the API refused the token (stream " + stream + ", run " + last.get().id() + "): "
                            + last.get().error());
                }
            }
            return Verdict.ok("no run was refused the token");
        } catch (RuntimeException e) {
            return Verdict.down("the mirror is unreachable: " + e.getMessage());
        }
    }

    public Verdict stream(String stream) {
        try {
            Optional<RunHistory.Run> last = history.lastEnded(stream);
            if (last.isPresent() && "failed".equals(last.get().status())) {
                RunHistory.Run run = last.get();
                return Verdict.down("stream " + stream + ": its last run (" + run.id() + ", ended " + run.endedAt()
                        + (run.node() == null ? "" : " on " + run.node()) + ") failed: " + run.error());
            }
            Freshness fresh = freshness(stream);
            if (!fresh.fresh()) {
                return Verdict.down("stream " + stream + ": " + fresh.describe());
            }
            return Verdict.ok("stream " + stream + ": " + fresh.describe());
        } catch (RuntimeException e) {
            return Verdict.down("stream " + stream + ": cannot tell, the mirror is unreachable: " + e.getMessage());
        }
    }

    /** How old the stream's mirror is against what its schedule allows. */
    public record Freshness(String stream, Instant lastSuccess, Duration age, Duration maxAge, Instant since) {
        public boolean fresh() {
            return age.compareTo(maxAge) <= 0;
        }

        String describe() {
            String allowed = "its max age " + human(maxAge) + " (sync." + stream + ".max-age)";
            if (lastSuccess == null) {
                return fresh() ? "no successful run yet, " + human(age) + " after start, within " + allowed
                        : "no successful run in the " + human(age) + " since " + since + ", more than " + allowed;
            }
            return "last successful run ended " + lastSuccess + ", " + human(age) + " ago, "
                    + (fresh() ? "within " : "older than ") + allowed;
        }
    }

    public Freshness freshness(String stream) {
        Optional<Instant> success = history.lastSuccess(stream);
        Instant since = success.orElse(startedAt);
        Duration age = Duration.between(since, clock.instant());
        return new Freshness(stream, success.orElse(null), age.isNegative() ? Duration.ZERO : age,
                schedules.maxAge(stream), since);
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h";
    }
}
