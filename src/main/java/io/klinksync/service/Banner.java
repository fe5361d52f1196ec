package io.klinksync.service;

import io.klinksync.mirror.NodeId;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/** What `run` prints once it has started: what it is, what it syncs where, and when each stream fires next. */
public final class Banner {

    private Banner() {
    }

    public static void print(PrintStream out, String version, String profile, String baseUrl, String mirror,
                             boolean clustered, String endpoints, Collection<String> streams, Schedules schedules,
                             Function<String, Instant> nextFire, boolean syncNow) {
        out.println(version + " run: started " + Instant.now());
        out.println("  profile    " + profile + ", base URL " + baseUrl);
        out.println("  mirror     " + mirror);
        out.println("  scheduler  " + (clustered
                ? "cluster (Quartz clustered JDBC JobStore in the mirror), this node " + NodeId.current()
                : "single node (Quartz in memory), node " + NodeId.current()));
        out.println("  serving    " + endpoints);
        int width = streams.stream().mapToInt(String::length).max().orElse(8);
        for (String stream : streams) {
            Instant next = nextFire.apply(stream);
            Duration maxAge = schedules.maxAge(stream);
            out.println("  stream     " + pad(stream, width) + "  cron " + pad("'" + schedules.cron(stream) + "'", 18)
                    + "  next " + (next == null ? "never" : next) + "  max age " + StreamHealth.human(maxAge));
        }
        if (syncNow) {
            out.println("  sync now   every stream once, now (run.sync-on-start)");
        }
        out.flush();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
