package io.klinksync.cli;

import io.klinksync.console.LogSetup;
import io.klinksync.console.Screen;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * What a command shows, shared by the commands that sync, import or export. Each option is applied as it is
 * parsed (picocli calls the setters), so the command's own code finds logging and the screen already set up.
 */
public class OutputOptions {

    private boolean quiet;
    private boolean verbose;
    private Path logFile;
    private Screen.Mode progress = Screen.Mode.AUTO;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final summary: no progress bars,"
            + " no log lines below ERROR.")
    void quiet(boolean quiet) {
        this.quiet = quiet;
        apply();
    }

    @Option(names = {"-v", "--verbose"}, description = "Log more: one line per page synced (the same as"
            + " KLINK_LOG_LEVEL=DEBUG). KLINK_LOG_LEVEL (default INFO) sets klink-sync's own log level;"
            + " KLINK_LIBRARY_LOG_LEVEL (default WARN) that of Camel, HttpClient, Flyway, HikariCP and the rest.")
    void verbose(boolean verbose) {
        this.verbose = verbose;
        apply();
    }

    @Option(names = "--log-file", paramLabel = "FILE", description = "Also write the full log to FILE (appended;"
            + " at the chosen level, token masked). The console then shows only warnings and errors, unless --verbose.")
    void logFile(Path logFile) {
        this.logFile = logFile;
        apply();
    }

    @Option(names = "--progress", paramLabel = "WHEN", description = "Progress bars and status lines on stderr:"
            + " auto (default: when stderr is a terminal), always, never.")
    void progress(Screen.Mode progress) {
        this.progress = progress == null ? Screen.Mode.AUTO : progress;
        apply();
    }

    public boolean quiet() {
        return quiet;
    }

    private void apply() {
        LogSetup.apply(quiet, verbose, logFile);
        Screen.process().mode(quiet ? Screen.Mode.NEVER : progress);
    }
}
