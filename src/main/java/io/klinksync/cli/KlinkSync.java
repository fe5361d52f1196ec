package io.klinksync.cli;

import io.klinksync.runtime.StopSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: `klink-sync sandbox | sync | run | import | export | demo | status | check`. */
@Command(name = "klink-sync", mixinStandardHelpOptions = true, version = "klink-sync 0.1.0",
        description = "Mirrors a customer-messaging API (klink.cloud, Clarity, Oblic) into a database or CSV files,"
                + " and imports and exports contacts as CSV.",
        subcommands = {SandboxCommand.class, SyncCommand.class, RunCommand.class, ImportCommand.class,
                ExportCommand.class, DemoCommand.class, StatusCommand.class, CheckCommand.class, BenchCommand.class})
public class KlinkSync implements Runnable {

    /** Exit code of a run that could not proceed: bad arguments, bad configuration, unreachable API. */
    public static final int EXIT_CANNOT_PROCEED = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        StopSignal stop = StopSignal.process();
        stop.install();
        io.klinksync.console.Screen.install(); // every line of the process is written above a progress bar
        int code = execute(args);
        System.exit(stop.requested() ? stop.exitCode() : code);
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KlinkSync());
        cli.setParameterExceptionHandler(new OneLineErrors());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: expected one of sandbox, sync, run, import, export, demo, status, check.");
    }
}
