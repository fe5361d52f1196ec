package io.klinksync.runtime;

import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SIGTERM and Ctrl-C as a request to stop, not an instant exit. Work in progress checks {@link #requested()} at
 * safe points (between pages, between rows), finishes or rolls back its transaction, marks its run
 * `interrupted`, and the process exits with 143 (SIGTERM) or 130 (Ctrl-C). The JVM's own handlers are replaced,
 * so shutdown hooks (H2 closing its database under a running write) run only once the work has stopped. Work
 * still going at the end of shutdown.grace is ended by a watchdog, after the callbacks of {@link #beforeHalt}.
 * A second signal ends the process at once.
 */
public final class StopSignal {

    public static final int SIGTERM_EXIT = 143;
    public static final int SIGINT_EXIT = 130;

    private static final StopSignal PROCESS = new StopSignal();

    private volatile int exitCode;
    private volatile boolean installed;
    /** Unknown (-1) until a command that stops cleanly has read its settings; other commands exit as usual. */
    private volatile long graceMillis = -1;
    private final List<Runnable> beforeHalt = new CopyOnWriteArrayList<>();
    private final List<Runnable> onRequest = new CopyOnWriteArrayList<>();

    StopSignal() {
    }

    /** The one instance of the process: the CLI installs it, the sync and the import check it. */
    public static StopSignal process() {
        return PROCESS;
    }

    /** Called once by the command line's main; commands run in a test's JVM keep the JVM's own handlers. */
    public void install() {
        installed = true;
        Signal.handle(new Signal("TERM"), signal -> request(SIGTERM_EXIT));
        Signal.handle(new Signal("INT"), signal -> request(SIGINT_EXIT));
    }

    /** Asks every piece of work to stop; starts the grace watchdog when installed. A second request halts. */
    public synchronized void request(int code) {
        if (exitCode != 0) {
            Runtime.getRuntime().halt(exitCode);
        }
        exitCode = code;
        if (installed && graceMillis < 0) {
            new Thread(() -> System.exit(code), "stop").start(); // the JVM's usual exit, shutdown hooks included
            return;
        }
        onRequest.forEach(Runnable::run);
        if (installed) {
            Thread watchdog = new Thread(this::haltAfterGrace, "stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /** shutdown.grace, set by each command that stops cleanly (sync, run, import, export) once its settings are read. */
    public void graceMillis(long millis) {
        graceMillis = millis;
    }

    public boolean requested() {
        return exitCode != 0;
    }

    /** 143 after SIGTERM, 130 after Ctrl-C, 0 when no stop was asked for. */
    public int exitCode() {
        return exitCode;
    }

    /** Throws {@link StopRequestedException} once a stop was asked for; `where` names the safe point. */
    public void throwIfRequested(String where) {
        if (requested()) {
            throw new StopRequestedException("Stopped by " + (exitCode == SIGINT_EXIT ? "Ctrl-C" : "SIGTERM")
                    + " " + where + ".");
        }
    }

    /** Runs as soon as a stop is asked for, on the signal's thread: for work that waits rather than polls. */
    public void onRequest(Runnable action) {
        onRequest.add(action);
    }

    /** Runs when the grace time is over and work is still going, just before the process halts. */
    public void beforeHalt(Runnable action) {
        beforeHalt.add(action);
    }

    public void removeBeforeHalt(Runnable action) {
        beforeHalt.remove(action);
    }

    private void haltAfterGrace() {
        try {
            Thread.sleep(graceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Runnable action : beforeHalt) {
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
        Runtime.getRuntime().halt(exitCode);
    }
}
