package io.klinksync.api;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces requests evenly at a rate, across all threads: each request takes the next free slot, 1/rate after the
 * one before. Even spacing never bursts, so a server counting requests per window sees at most rate x window.
 */
final class Pacer {

    /** Sleeping is coarser than this; a shorter wait is skipped, and the schedule still keeps the average rate. */
    private static final long SHORTEST_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long after its last wait the pacer still counts as what bounds the run. */
    private static final long LIMITING_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private long nextSlotNanos;
    private volatile long lastWaitNanos;
    private volatile boolean everWaited;

    Pacer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextSlotNanos = nanoClock.getAsLong();
    }

    /** Waits for the next slot at this rate, and at least {@code holdNanos} from now. */
    void awaitSlot(double ratePerSecond, long holdNanos) throws InterruptedException {
        long wait = reserve(ratePerSecond, holdNanos);
        if (wait >= SHORTEST_SLEEP_NANOS) {
            lastWaitNanos = nanoClock.getAsLong();
            everWaited = true;
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Takes the next slot and answers how long until it, in nanoseconds. */
    synchronized long reserve(double ratePerSecond, long holdNanos) {
        long now = nanoClock.getAsLong();
        // nanoTime instants are compared by their difference: their origin is arbitrary, and may be negative
        long slot = nextSlotNanos - now > 0 ? nextSlotNanos : now;
        if (holdNanos > slot - now) {
            slot = now + holdNanos;
        }
        nextSlotNanos = slot + (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        return slot - now;
    }

    /** True when a request had to wait for its slot within the last second. */
    boolean waitedRecently() {
        return everWaited && nanoClock.getAsLong() - lastWaitNanos < LIMITING_MEMORY_NANOS;
    }
}
