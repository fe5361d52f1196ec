package io.klinksync.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import a contacts CSV into the API (POST new contacts, PUT changed ones).")
public class ImportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CannotProceedException("'import' is not available yet.");
    }
}
