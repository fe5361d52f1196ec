package io.klinksync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the chosen scenarios one after another, then prints the table and writes results.csv and results.md. */
public final class Bench {

    private final BenchSetup setup;
    private final PrintStream out;

    public Bench(BenchSetup setup, PrintStream out) {
        this.setup = setup;
        this.out = out;
    }

    /** Prints, once per recording, where each measured process spent its time; also kept as FILE.jfr.txt. */
    private void summarizeRecordings() throws IOException {
        Path folder = setup.outDir().resolve("jfr");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jfr : files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                Path text = jfr.resolveSibling(jfr.getFileName() + ".txt");
                if (!Files.exists(text)) {
                    String summary = JfrSummary.summarize(jfr);
                    Files.writeString(text, summary);
                    out.println("Profile of " + jfr.getFileName() + ":");
                    out.print(summary);
                }
            }
        }
    }

    /** Answers the table; a scenario that fails is noted in it and the others still run. */
    public ResultTable run(List<Scenario> scenarios, String command) throws IOException {
        String machine = Machine.current().describe();
        out.println("Machine: " + machine);
        out.println("Runs per figure: " + setup.runs() + "; results in " + setup.outDir());
        ResultTable table = new ResultTable();
        if (setup.runs() < 3) {
            table.note("fewer than 3 runs per figure (" + setup.runs() + "): medians are less trustworthy");
        }
        table.note("figures are medians of runs on a shared machine; ratios are per run (same run, same load), then the median");
        for (Scenario scenario : scenarios) {
            long started = System.nanoTime();
            try {
                scenario.run(setup, table, out);
            } catch (RuntimeException e) { // BenchException, or the mirror's own when a baseline's schema cannot be made
                out.println("[" + scenario.name() + "] FAILED: " + e.getMessage());
                table.note("scenario " + scenario.name() + " failed: " + e.getMessage());
            }
            out.printf("[%s] took %.0f s%n", scenario.name(), (System.nanoTime() - started) / 1e9);
            if (setup.flightRecorder()) {
                summarizeRecordings();
            }
            table.write(setup.outDir(), machine, command); // partial results survive a later failure
        }
        out.println();
        table.print(out);
        table.write(setup.outDir(), machine, command);
        out.println();
        out.println("Wrote " + setup.outDir().resolve("results.csv") + " and " + setup.outDir().resolve("results.md"));
        return table;
    }
}
