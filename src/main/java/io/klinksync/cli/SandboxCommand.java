package io.klinksync.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Serve a stateful imitation of the API on localhost, for tests, demos and benchmarks.")
public class SandboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CannotProceedException("'sandbox' is not available yet.");
    }
}
