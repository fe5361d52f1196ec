package io.klinksync.cli;

import io.klinksync.api.ApiException;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.SecretRegistry;
import io.klinksync.mirror.MirrorException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.stream.Collectors;

/**
 * Turns bad arguments and failures that stop a run (configuration, a refused token, an API that cannot be
 * reached) into one line on stderr (what was wrong, what is accepted or what to do) and exit code 2, instead of
 * a usage dump or a stack trace.
 */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException || message.startsWith("Unknown option")) {
            message = message + " Accepted: " + acceptedOptions(cmd) + ".";
        }
        cmd.getErr().println(cmd.getCommandName() + ": " + SecretRegistry.scrub(message)
                + " See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return KlinkSync.EXIT_CANNOT_PROCEED;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = ex instanceof ConfigurationException || ex instanceof CannotProceedException
                || ex instanceof ApiException || ex instanceof MirrorException
                ? ex.getMessage()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        cmd.getErr().println(cmd.getCommandName() + ": " + SecretRegistry.scrub(message));
        return KlinkSync.EXIT_CANNOT_PROCEED;
    }

    private static String acceptedOptions(CommandLine cmd) {
        String options = cmd.getCommandSpec().options().stream()
                .map(OptionSpec::longestName)
                .collect(Collectors.joining(", "));
        String subcommands = String.join(", ", cmd.getSubcommands().keySet());
        return subcommands.isEmpty() ? options : "commands " + subcommands + "; options " + options;
    }
}
