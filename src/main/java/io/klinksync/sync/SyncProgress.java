package io.klinksync.sync;

import io.klinksync.console.Bar;
import io.klinksync.console.Bars;
import io.klinksync.mirror.SyncRun;

/**
 * What a person sees of a sync: a progress bar per stream while it is walked (records done of the total the
 * API states, or an indeterminate count under cursor paging), then the stream's one result line. Bars are drawn
 * only where {@link Bars} draws them (a terminal); the result line goes wherever {@link RunResults} sends it.
 */
public class SyncProgress {

    /** For callers without settings at hand; sync.progress.interval ships with the same value. */
    private static final int REDRAW_MILLIS = 250;

    private final Bars bars;
    private final RunResults results;
    private Bar bar = Bar.NONE;
    private Walk shown;

    public SyncProgress(Bars bars, RunResults results) {
        this.bars = bars;
        this.results = results;
    }

    /** Bars when stderr is a terminal; the results in the log. */
    public static SyncProgress onTerminal() {
        return new SyncProgress(Bars.onScreen(REDRAW_MILLIS), RunResults.LOG);
    }

    /** Bars on a terminal, redrawn every redrawMillis; each stream's result line to the given sink. */
    public static SyncProgress onTerminal(RunResults results, int redrawMillis) {
        return new SyncProgress(Bars.onScreen(redrawMillis), results);
    }

    /** No bars (the service, tests); the results in the log. */
    public static SyncProgress off() {
        return new SyncProgress(Bars.off(), RunResults.LOG);
    }

    /** Where the bars take their pace note from (see {@link Bars#paceFrom}). */
    public Bars bars() {
        return bars;
    }

    synchronized void started(Walk walk) {
        bar.close();
        bar = bars.start(walk.streamName(), "rec", walk.recordsTotal());
        shown = walk;
    }

    synchronized void page(Walk walk) {
        if (walk != shown) {
            return; // a stream of `run` walked beside another: only the one a bar was started for is drawn
        }
        bar.total(walk.recordsTotal());
        bar.stepTo(walk.received());
    }

    /** The stream ended: its bar is left in its last state, then the one line saying how it ended. */
    void ended(String profile, SyncRun run) {
        synchronized (this) {
            if (shown != null && "success".equals(run.status())) {
                bar.total(shown.received()); // a cursor walk learns its total only by reaching the end
                bar.stepTo(shown.received());
            }
        }
        done();
        results.ended(profile, run);
    }

    synchronized void done() {
        bar.close();
        bar = Bar.NONE;
        shown = null;
    }
}
