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
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Share of a second's slots used for the pace to count as what bounds the run. Requests bunched by thread
     * scheduling wait for their slots at any rate, so waiting alone says nothing; using the slots does.
     */
    private static final double SATURATED_SHARE = 0.9;

    private final LongSupplier nanoClock;
    private long nextSlotNanos;
    private long secondStartNanos;
    private long slotsThisSecond;
    private volatile double usedLastSecond;
    private volatile long lastSecondEndNanos;

    Pacer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextSlotNanos = nanoClock.getAsLong();
        this.secondStartNanos = nextSlotNanos;
        this.lastSecondEndNanos = nextSlotNanos - 10 * SECOND_NANOS;
    }

    /** Waits for the next slot at this rate, and at least {@code holdNanos} from now. */
    void awaitSlot(double ratePerSecond, long holdNanos) throws InterruptedException {
        long wait = reserve(ratePerSecond, holdNanos);
        if (wait >= SHORTEST_SLEEP_NANOS) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Takes the next slot and answers how long until it, in nanoseconds. */
    synchronized long reserve(double ratePerSecond, long holdNanos) {
        long now = nanoClock.getAsLong();
        count(now, ratePerSecond);
        // nanoTime instants are compared by their difference: their origin is arbitrary, and may be negative
        long slot = nextSlotNanos - now > 0 ? nextSlotNanos : now;
        if (holdNanos > slot - now) {
            slot = now + holdNanos;
        }
        nextSlotNanos = slot + (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        return slot - now;
    }

    /** Slots taken per second against the rate, one second at a time. */
    private void count(long now, double ratePerSecond) {
        long elapsed = now - secondStartNanos;
        if (elapsed >= SECOND_NANOS) {
            usedLastSecond = slotsThisSecond * (double) SECOND_NANOS / elapsed / ratePerSecond;
            lastSecondEndNanos = now;
            secondStartNanos = now;
            slotsThisSecond = 0;
        }
        slotsThisSecond++;
    }

    /** True when requests used nearly every slot of the last second: the pace, not the work or the API, bounds them. */
    boolean saturated() {
        return usedLastSecond >= SATURATED_SHARE && nanoClock.getAsLong() - lastSecondEndNanos < 2 * SECOND_NANOS;
    }
}
