package io.klinksync.cli;

import io.klinksync.api.ApiException;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.SecretRegistry;
import io.klinksync.config.UserMessage;
import io.klinksync.mirror.MirrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns bad arguments and failures that stop a run (configuration, a refused token, an API that cannot be
 * reached) into one line on stderr (what was wrong, what is accepted or what to do) and exit code 2, instead of
 * a usage dump or a stack trace.
 */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage().replace("option option '", "option '"); // picocli's own wording, doubled
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message = message + "; did you mean " + suggestions.get(0) + "?";
            }
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException || message.startsWith("Unknown option")) {
            message = message + " Accepted: " + acceptedOptions(cmd) + ".";
        }
        cmd.getErr().println(cmd.getCommandName() + ": " + SecretRegistry.scrub(message)
                + " See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return KlinkSync.EXIT_CANNOT_PROCEED;
    }

    /**
     * Our own exceptions already say what, where and what to do; anything else is a defect or a library's
     * failure, told in its words without its class name, and in full (with the stack) at DEBUG in the log.
     */
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = ex instanceof ConfigurationException || ex instanceof CannotProceedException
                || ex instanceof ApiException || ex instanceof MirrorException
                ? SecretRegistry.scrub(ex.getMessage())
                : UserMessage.ofRoot(ex, "an unexpected failure") + " (KLINK_LOG_LEVEL=DEBUG logs where it happened)";
        LOG.debug("{} failed", cmd.getCommandName(), ex);
        cmd.getErr().println(cmd.getCommandName() + ": " + message);
        if (cmd.getParseResult().hasMatchedOption("--json")) { // a script still gets its one document
            cmd.getOut().println(JsonResults.write(new JsonResults.Failure(cmd.getCommandName(), KlinkSync.EXIT_CANNOT_PROCEED, message)));
        }
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
