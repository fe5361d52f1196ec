package io.klinksync.console;

import java.util.Locale;

/**
 * One short line saying what a slow step is doing ("Migrating the mirror..."), drawn as the live line while the
 * step runs and left on the screen with its duration when it ends, so a terminal is never blank for seconds.
 */
public final class Status implements AutoCloseable {

    private static final Status NONE = new Status(null, null);

    private final Screen screen;
    private final String text;
    private final long started = System.nanoTime();

    private Status(Screen screen, String text) {
        this.screen = screen;
        this.text = text;
    }

    /** Shows the status on the process's screen when live lines are on; otherwise does nothing. */
    public static Status show(String text) {
        Screen screen = Screen.process();
        if (!screen.live()) {
            return NONE;
        }
        Status status = new Status(screen, text);
        screen.draw(text + "...");
        return status;
    }

    @Override
    public void close() {
        if (screen != null) {
            double seconds = (System.nanoTime() - started) / 1e9;
            screen.settle(String.format(Locale.ROOT, "%s... %.1f s", text, seconds));
        }
    }
}
