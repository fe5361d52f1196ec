package io.klinksync.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The human form of a {@link StatusReport}: a block per stream, then imports, rejects and cluster. */
public final class StatusText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    public static String render(StatusReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Mirror ").append(report.mirror()).append(" (profile ").append(report.profile()).append("), at ")
                .append(time(report.generatedAt())).append('\n');
        for (StatusReport.StreamStatus stream : report.streams()) {
            out.append('\n').append(stream.stream()).append(stream.offered() ? "" : " (not offered by the profile)")
                    .append(": ").append(freshness(stream.freshness(), report.generatedAt())).append('\n');
            out.append("  lock: ").append(stream.lockHolder() == null ? "no holder recorded"
                    : "held by " + stream.lockHolder().holder() + " since " + time(stream.lockHolder().acquiredAt())
                    + " (recorded by the holder; may be stale if it was killed)");
            if (stream.missingRows() > 0) {
                out.append("; ").append(stream.missingRows()).append(" rows missed by the last complete pass, deleted if the next misses them too");
            }
            if (stream.rejects() != null) {
                out.append("; ").append(stream.rejects()).append(" rejected records");
            }
            out.append('\n');
            if (stream.runs().isEmpty()) {
                out.append("  no runs yet\n");
            }
            for (StatusReport.Run run : stream.runs()) {
                out.append(String.format("  run %-5d %-11s %s  %s  pages %d, seen %d: %d new, %d updated, %d unchanged, %d deleted%s%n",
                        run.id(), run.status(), time(run.startedAt()), duration(run.startedAt(), run.endedAt()), run.pages(),
                        run.recordsSeen(), run.inserted(), run.updated(), run.unchanged(), run.deleted(),
                        run.rejected() == null ? "" : ", " + run.rejected() + " rejected"));
                if (run.error() != null && !run.error().isBlank()) {
                    out.append("            ").append(run.error().strip().replace('\n', ' ')).append('\n');
                }
            }
        }
        out.append("\nImports:").append(report.imports().isEmpty() ? " none yet\n" : "\n");
        for (StatusReport.ImportRun run : report.imports()) {
            out.append(String.format("  import %-3d %-8s %s  %s: %d rows, %d created, %d updated, %d unchanged, %d invalid, %d failed%n",
                    run.id(), run.status(), time(run.startedAt()), run.fileName(), run.rowsTotal(), run.created(),
                    run.updated(), run.unchanged(), run.invalid(), run.failed()));
            if (run.error() != null && !run.error().isBlank()) {
                out.append("             ").append(run.error().strip().replace('\n', ' ')).append('\n');
            }
        }
        out.append("\nRejects: ").append(report.rejects().note()).append('\n');
        out.append("Cluster: ").append(report.cluster().note()).append('\n');
        if (report.cluster().nodes() != null) {
            for (StatusReport.Node node : report.cluster().nodes()) {
                out.append("  node ").append(node.name()).append(": last run began ").append(time(node.lastSeenAt()))
                        .append(", streams ").append(String.join(", ", node.streams())).append('\n');
            }
        }
        return out.toString();
    }

    private static String freshness(Freshness f, Instant now) {
        String schedule = f.schedule() == null ? "no schedule" : "cron " + f.schedule();
        return switch (f.state()) {
            case "never" -> "never synced successfully (" + schedule + (f.nextDueAt() == null ? "" : ", next firing " + time(f.nextDueAt())) + ")";
            case "unscheduled" -> "last success " + ago(f.ageSeconds()) + " (" + time(f.lastSuccessAt()) + "); " + schedule + " is not a valid Quartz cron";
            case "stale" -> "STALE: last success " + ago(f.ageSeconds()) + " (" + time(f.lastSuccessAt()) + "), "
                    + (f.missedFirings() - 1) + " scheduled firings since without a success (" + schedule + ")";
            default -> "fresh: last success " + ago(f.ageSeconds()) + " (" + time(f.lastSuccessAt()) + "), next firing "
                    + time(f.nextDueAt()) + " (" + schedule + ")";
        };
    }

    private static String ago(Long seconds) {
        long s = seconds == null ? 0 : Math.max(0, seconds);
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        if (s < 172_800) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " days ago";
    }

    private static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "(still going)";
        }
        Duration d = Duration.between(start, end);
        return d.toMillis() < 60_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : d.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase();
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
