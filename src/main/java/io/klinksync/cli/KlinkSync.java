package io.klinksync.cli;

import io.klinksync.runtime.StopSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: `klink-sync sandbox | sync | run | import | export | demo | status | check | mirror copy | help`. The benchmark
 * harness is not a command of the product: it is built apart (src/bench/java) and run by bin/klink-sync-bench.
 */
@Command(name = "klink-sync", mixinStandardHelpOptions = true, versionProvider = KlinkVersion.class,
        description = "Mirrors a customer-messaging API (klink.cloud, Clarity, Oblic) into a database or CSV files,"
                + " and imports and exports contacts as CSV.",
        subcommands = {SandboxCommand.class, SyncCommand.class, RunCommand.class, ImportCommand.class,
                ExportCommand.class, DemoCommand.class, StatusCommand.class, CheckCommand.class, MirrorCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Environment:",
                "  KLINK_TOKEN, KLINK_TOKEN_FILE   the API token, or a file holding it (never printed or logged)",
                "  KLINK_CONFIG                    the configuration folder (default: config)",
                "  KLINK_<SETTING>                 any setting, e.g. KLINK_SYNC_PAGE_SIZE for sync.page-size",
                "  KLINK_LOG_LEVEL                 klink-sync's log level (default INFO; DEBUG adds a line per page)",
                "  KLINK_LIBRARY_LOG_LEVEL         Camel's and the other libraries' log level (default WARN)",
                "  KLINK_JAVA_OPTS                 JVM options for bin/klink-sync, e.g. -Xmx1g",
                "Exit codes: 0 done, 1 some records or rows failed, 2 could not run, 143/130 stopped by SIGTERM/Ctrl-C."})
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
        // Each command prints the tool's version: picocli asks the command itself, not its parent.
        versionEverywhere(cli);
        return cli;
    }

    private static void versionEverywhere(CommandLine command) {
        command.getSubcommands().values().forEach(sub -> {
            sub.getCommandSpec().versionProvider(new KlinkVersion());
            versionEverywhere(sub);
        });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: expected one of "
                + String.join(", ", spec.commandLine().getSubcommands().keySet()) + ".");
    }
}
