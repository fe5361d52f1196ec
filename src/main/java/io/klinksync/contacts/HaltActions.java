package io.klinksync.contacts;

import io.klinksync.runtime.StopSignal;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the imports and exports still going must do when a stop's grace runs out and the process halts: record
 * what the ledger has not yet got, remove a temporary file. One callback is registered with StopSignal for the
 * whole process and runs the actions of the work still open, the newest first as finally blocks would; an
 * action leaves with its work, so `run`, which imports file after file, keeps none of finished imports.
 */
final class HaltActions {

    private static final Deque<Runnable> OPEN = new ConcurrentLinkedDeque<>();
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    /** Closing the registration (when the work ends) withdraws the action. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private HaltActions() {
    }

    /** Runs {@code action} if the process halts before the returned registration is closed. */
    static Registration onHalt(Runnable action) {
        if (REGISTERED.compareAndSet(false, true)) {
            StopSignal.process().beforeHalt(HaltActions::runOpen);
        }
        OPEN.addFirst(action);
        return () -> OPEN.removeFirstOccurrence(action);
    }

    private static void runOpen() {
        for (Runnable action : OPEN) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // One action failing (the database already gone) must not keep the others from running.
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }
}
