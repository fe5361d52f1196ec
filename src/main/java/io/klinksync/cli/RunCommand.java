package io.klinksync.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Keep running: sync every stream on its schedule, watch the import inbox, serve health and metrics.")
public class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CannotProceedException("'run' is not available yet.");
    }
}
