package io.klinksync.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.klinksync.config.ScrubbingLayout;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Applies --quiet, --verbose and --log-file to the logback configuration of logback.xml. The console keeps:
 * errors only with --quiet; warnings and errors when a log file takes the full log (unless --verbose); everything
 * the loggers let through otherwise. The log file gets every line at the chosen level (KLINK_LOG_LEVEL, or DEBUG
 * with --verbose), through ScrubbingLayout like the console, so the token cannot reach it either.
 */
public final class LogSetup {

    static final String CONSOLE = "CONSOLE";
    static final String FILE = "FILE";
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    private static Level configured;

    private LogSetup() {
    }

    public static synchronized void apply(boolean quiet, boolean verbose, Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (none ships with klink-sync): leave it alone
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = context.getLogger("io.klinksync");
        if (configured == null) {
            configured = ours.getEffectiveLevel(); // from logback.xml: KLINK_LOG_LEVEL or INFO
        }
        // --verbose opens up the page lines of PageReader and friends; it never hides what KLINK_LOG_LEVEL shows.
        ours.setLevel(verbose && configured.isGreaterOrEqual(Level.DEBUG) ? Level.DEBUG : configured);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
        if (console != null) {
            console.clearAllFilters();
            Level threshold = quiet ? Level.ERROR : logFile != null && !verbose ? Level.WARN : null;
            if (threshold != null) {
                ThresholdFilter filter = new ThresholdFilter();
                filter.setLevel(threshold.levelStr);
                filter.start();
                console.addFilter(filter);
            }
        }
        Appender<ILoggingEvent> previous = root.getAppender(FILE);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        if (logFile != null) {
            root.addAppender(fileAppender(context, logFile));
        }
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path logFile) {
        ScrubbingLayout layout = new ScrubbingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setName(FILE);
        file.setContext(context);
        file.setFile(logFile.toAbsolutePath().toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        return file;
    }
}
