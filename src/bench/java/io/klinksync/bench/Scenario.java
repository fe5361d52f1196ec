package io.klinksync.bench;

import java.io.PrintStream;

/** One benchmark scenario: sets up what it needs, measures each figure in every run, and adds them to the table. */
public interface Scenario {

    /** The name `bench --scenario NAME` selects it by. */
    String name();

    void run(BenchSetup setup, ResultTable table, PrintStream progress);
}
