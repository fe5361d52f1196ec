package io.klinksync.console;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * The console appender of logback.xml: writes each log line to stderr above the live line (a progress bar),
 * never into it. Logback writes one event per write call, so each line is cleared and redrawn around as a whole.
 */
public class ScreenAppender extends OutputStreamAppender<ILoggingEvent> {

    @Override
    public void start() {
        setOutputStream(Screen.process().errStream());
        super.start();
    }
}
