package io.klinksync.contacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Outcomes of sent rows on their way to the ledger, written a batch per transaction: when this many rows are
 * waiting, when the oldest has waited this long, and when sending ends. A kill loses at most the waiting
 * outcomes, which is safe: their rows are still 'planned' (updates, which are idempotent and simply sent again)
 * or 'sending' (creates, which are looked up in the API before being sent again).
 */
final class OutcomeBuffer {

    private final ImportLedger ledger;
    private final int rows;
    private final long maxWaitNanos;
    private List<RowOutcome> waiting = new ArrayList<>();
    private long oldestNanos;

    OutcomeBuffer(ImportLedger ledger, int rows, Duration maxWait) {
        this.ledger = ledger;
        this.rows = rows;
        this.maxWaitNanos = maxWait.toNanos();
    }

    void add(RowOutcome outcome) {
        List<RowOutcome> due = null;
        synchronized (this) {
            long now = System.nanoTime();
            if (waiting.isEmpty()) {
                oldestNanos = now;
            }
            waiting.add(outcome);
            if (waiting.size() >= rows || now - oldestNanos >= maxWaitNanos) {
                due = take();
            }
        }
        if (due != null) {
            ledger.recordOutcomes(due);
        }
    }

    /** Writes every waiting outcome now. */
    void flush() {
        List<RowOutcome> due;
        synchronized (this) {
            due = take();
        }
        ledger.recordOutcomes(due);
    }

    private List<RowOutcome> take() {
        List<RowOutcome> due = waiting;
        waiting = new ArrayList<>();
        return due;
    }
}
