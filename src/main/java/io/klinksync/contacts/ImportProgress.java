package io.klinksync.contacts;

import io.klinksync.console.Bar;
import io.klinksync.console.Bars;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending bar of an import: rows sent of the rows to send, percent, rows per second, elapsed, ETA, and the
 * failures so far. Draws nothing where bars are off (logs and pipes get the summary only).
 */
final class ImportProgress implements AutoCloseable {

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Bar bar;

    ImportProgress(Bars bars, long total) {
        this.bar = bars.start("sending", "rows", total, () -> failed.get() == 0 ? "" : failed.get() + " failed");
    }

    void rowFinished(boolean ok) {
        if (!ok) {
            failed.incrementAndGet();
        }
        bar.stepTo(done.incrementAndGet());
    }

    @Override
    public void close() {
        bar.close();
    }
}
