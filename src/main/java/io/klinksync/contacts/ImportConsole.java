package io.klinksync.contacts;

import io.klinksync.console.Bars;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where an import speaks: its results (the summary, a dry run's rows) to {@code out}; what it is doing on the
 * way (resuming, syncing contacts first, the mapping it reads with) to {@code notes}, which --quiet silences;
 * the sending bar through {@code bars}.
 */
public record ImportConsole(PrintStream out, PrintStream notes, Bars bars) {

    /** Everything to one stream, no bars: the inbox, the demo and tests. */
    public static ImportConsole plain(PrintStream out) {
        return new ImportConsole(out, out, Bars.off());
    }

    /** The import command's: bars on a terminal (redrawn every redrawMillis), notes unless quiet. */
    public static ImportConsole command(PrintStream out, boolean quiet, int redrawMillis) {
        return new ImportConsole(out, quiet ? new PrintStream(OutputStream.nullOutputStream()) : out,
                quiet ? Bars.off() : Bars.onScreen(redrawMillis));
    }
}
