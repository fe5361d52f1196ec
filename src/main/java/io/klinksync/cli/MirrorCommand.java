package io.klinksync.cli;

import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorCopy;
import io.klinksync.mirror.MirrorLogin;
import io.klinksync.streams.StreamDeclarations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `klink-sync mirror copy`: work on the mirror database as a whole. */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = "Work on the mirror database as a whole.",
        subcommands = {MirrorCommand.Copy.class, CommandLine.HelpCommand.class})
public class MirrorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: expected one of "
                + String.join(", ", spec.commandLine().getSubcommands().keySet()) + ".");
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copy every table of a mirror into a new, empty database, e.g. an H2 mirror into SQLite or"
                    + " PostgreSQL. The target's tables are made as klink-sync makes them; then each table's rows are"
                    + " copied (stream tables, their _history, the run history, change log, rejects, import ledger), in"
                    + " one transaction: a copy that fails leaves the target without any copied row.",
                    "Not copied: the schema histories, and the scheduler's QRTZ_ tables, which `run` rebuilds when it starts.",
                    "A target that already holds rows is refused. Passwords are read from files, never from the command line.",
                    "Exit codes: 0 copied, 2 the copy could not run."})
    public static class Copy implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Option(names = "--from", required = true, paramLabel = "URL", description = "JDBC URL of the mirror to copy, e.g. jdbc:h2:file:./data/klink-mirror.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "URL", description = "JDBC URL of the new, empty mirror, e.g. jdbc:sqlite:./data/klink-mirror.sqlite.")
        String to;

        @Option(names = "--from-user", paramLabel = "USER", description = "Database user of the source (default sa for H2, the driver's default elsewhere).")
        String fromUser;

        @Option(names = "--from-password-file", paramLabel = "FILE", description = "File holding the source database's password.")
        Path fromPasswordFile;

        @Option(names = "--to-user", paramLabel = "USER", description = "Database user of the target (default sa for H2, the driver's default elsewhere).")
        String toUser;

        @Option(names = "--to-password-file", paramLabel = "FILE", description = "File holding the target database's password.")
        Path toPasswordFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Settings settings = config.load();
            MirrorCopy.Endpoint source = MirrorCopy.Endpoint.of(from, fromUser, password(fromPasswordFile, "--from-password-file"));
            MirrorCopy.Endpoint target = MirrorCopy.Endpoint.of(to, toUser, password(toPasswordFile, "--to-password-file"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Copying the mirror " + source.describe() + " into " + target.describe() + ".");
            out.flush();
            MirrorCopy.Result result = MirrorCopy.copy(source, target, StreamDeclarations.of(settings), count -> {
                out.printf("  %-40s %,12d rows%n", count.table(), count.rows());
                out.flush();
            });
            if (!result.leftOut().isEmpty()) {
                out.println("Not copied (the target has no such table; no stream of this configuration declares it): "
                        + String.join(", ", result.leftOut()) + ".");
            }
            out.printf("Copied %,d rows in %d tables. The scheduler's state (QRTZ_ tables) is not copied: `run` rebuilds it"
                    + " when it starts.%n", result.rows(), result.tables().size());
            out.flush();
            return 0;
        }

        private static String password(Path file, String option) {
            return file == null ? "" : MirrorLogin.readPassword(option, file);
        }
    }
}
