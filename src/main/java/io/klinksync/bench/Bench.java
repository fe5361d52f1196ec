package io.klinksync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Runs the chosen scenarios one after another, then prints the table and writes results.csv and results.md. */
public final class Bench {

    private final BenchSetup setup;
    private final PrintStream out;

    public Bench(BenchSetup setup, PrintStream out) {
        this.setup = setup;
        this.out = out;
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
