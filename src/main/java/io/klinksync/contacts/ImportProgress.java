package io.klinksync.contacts;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One updating line on a terminal while rows are sent: rows done of total, rows per second, failures so far.
 * Silent when the output is not a terminal (logs and pipes get the summary only).
 */
public final class ImportProgress {

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastPrint = new AtomicLong();

    public ImportProgress(PrintStream out, boolean terminal, long total, Duration interval) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.intervalNanos = interval.toNanos();
    }

    public void rowFinished(boolean ok) {
        done.incrementAndGet();
        if (!ok) {
            failed.incrementAndGet();
        }
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (terminal && now - last >= intervalNanos && lastPrint.compareAndSet(last, now)) {
            print();
        }
    }

    private synchronized void print() {
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
        out.print(String.format(Locale.ROOT, "\r%d of %d rows sent, %.1f rows/s, %d failed   ",
                done.get(), total, done.get() / seconds, failed.get()));
        out.flush();
    }

    public void finish() {
        if (terminal && done.get() > 0) {
            print();
            out.println();
        }
    }
}
