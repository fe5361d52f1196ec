package io.klinksync.console;

import java.util.function.Supplier;

/**
 * Makes the progress bars of a command: real ones on a terminal, {@link Bar#NONE} elsewhere. The pace note is
 * shared by every bar it makes; it says nothing until something that bounds the pace is wired in with
 * {@link #paceFrom}.
 */
public final class Bars {

    private final Screen screen;
    private final int redrawMillis;
    private volatile Supplier<String> pace = () -> "";

    public Bars(Screen screen, int redrawMillis) {
        this.screen = screen;
        this.redrawMillis = redrawMillis;
    }

    /** Bars on the process's screen, when it shows live lines. */
    public static Bars onScreen(int redrawMillis) {
        return new Bars(Screen.process(), redrawMillis);
    }

    /** Bars that never draw: for `run`, the demo, and tests. */
    public static Bars off() {
        return new Bars(null, 0);
    }

    /** What bounds the pace, e.g. "limited by api.rate-limit = 25/s"; empty or null says nothing. */
    public Bars paceFrom(Supplier<String> pace) {
        this.pace = pace;
        return this;
    }

    /** A bar for one task; total &lt;= 0 means not known (yet). */
    public Bar start(String task, String unit, long total) {
        return start(task, unit, total, () -> "");
    }

    /** As {@link #start(String, String, long)}, with a note of the task's own shown before the pace note. */
    public Bar start(String task, String unit, long total, Supplier<String> note) {
        if (screen == null || !screen.live()) {
            return Bar.NONE;
        }
        return new Bar(screen, task, unit, total, () -> join(note.get(), pace.get()), redrawMillis);
    }

    private static String join(String a, String b) {
        boolean hasA = a != null && !a.isEmpty();
        boolean hasB = b != null && !b.isEmpty();
        return hasA && hasB ? a + ", " + b : hasA ? a : hasB ? b : "";
    }
}
