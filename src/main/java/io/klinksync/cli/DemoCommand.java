package io.klinksync.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start a sandbox, sync every stream into H2 and CSV, export and re-import contacts, print a summary.")
public class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CannotProceedException("'demo' is not available yet.");
    }
}
