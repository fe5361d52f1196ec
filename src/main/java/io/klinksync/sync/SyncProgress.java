package io.klinksync.sync;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Per-stream progress on a terminal: pages done of total where known, records per second. Off when
 * output is not a terminal, so logs and CI output stay clean.
 */
public class SyncProgress {

    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final PrintStream out;
    private final boolean enabled;
    private volatile long lastDraw;

    public SyncProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static SyncProgress onTerminal() {
        return new SyncProgress(System.err, System.console() != null);
    }

    public static SyncProgress off() {
        return new SyncProgress(System.err, false);
    }

    void page(Walk walk) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - walk.startedNanos) / 1e9);
        String pages = walk.pagesTotal() > 0 ? walk.pagesDone() + "/" + walk.pagesTotal() : String.valueOf(walk.pagesDone());
        synchronized (out) {
            out.printf("\r%-16s pages %-13s records %-9d %8.0f rec/s", walk.streamName(), pages, walk.received(),
                    walk.received() / seconds);
            out.flush();
        }
    }

    void done() {
        if (enabled && lastDraw != 0) {
            synchronized (out) {
                out.print("\r\033[K");
                out.flush();
            }
            lastDraw = 0;
        }
    }
}
