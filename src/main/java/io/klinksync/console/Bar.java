package io.klinksync.console;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * One progress bar (me.tongfei:progressbar) drawn as the screen's live line: done of total, percent, rate,
 * elapsed and ETA; with no total yet it is indeterminate and shows count, rate and elapsed. The pace note (what
 * bounds the rate, e.g. "limited by api.rate-limit = 25/s") is appended when it says something. Closing it
 * leaves its last state on the screen as an ordinary line.
 */
public class Bar implements AutoCloseable {

    /** A bar that draws nothing: not a terminal, or --quiet. */
    public static final Bar NONE = new Bar();

    private final ProgressBar bar;
    private final Supplier<String> pace;

    private Bar() {
        this.bar = null;
        this.pace = () -> "";
    }

    Bar(Screen screen, String task, String unit, long total, Supplier<String> pace, int redrawMillis) {
        this.pace = pace;
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(redrawMillis)
                .continuousUpdate() // elapsed time moves on while a slow page is awaited
                .setConsumer(new OnScreen(screen))
                .build();
        note();
    }

    /** The total became known (page paging learns it from page 1), or changed. */
    public void total(long total) {
        if (bar != null && total > 0) {
            bar.maxHint(total); // also when max already equals it: stepping an indefinite bar raises its max, not its state
        }
    }

    public void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
            note();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private void note() {
        String note = pace.get();
        bar.setExtraMessage(note == null || note.isEmpty() ? "" : " " + note);
    }

    /** Hands each rendering to the screen, which keeps log lines above it. */
    private static final class OnScreen implements ProgressBarConsumer {
        private final Screen screen;
        private volatile String last = "";

        OnScreen(Screen screen) {
            this.screen = screen;
        }

        @Override
        public int getMaxRenderedLength() {
            return screen.width() - 1;
        }

        @Override
        public void accept(String rendered) {
            last = rendered;
            screen.draw(rendered);
        }

        @Override
        public void clear() {
            screen.clear();
        }

        @Override
        public void close() {
            screen.settle(last);
        }
    }
}
