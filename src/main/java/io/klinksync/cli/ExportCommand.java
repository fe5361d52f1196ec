package io.klinksync.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Export contacts from the mirror to CSV in the import format.")
public class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CannotProceedException("'export' is not available yet.");
    }
}
