package io.klinksync.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "sync", mixinStandardHelpOptions = true, description = "Sync streams once into the mirror and exit.")
public class SyncCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CannotProceedException("'sync' is not available yet.");
    }
}
