package io.klinksync.config;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback layout that masks every registered secret in the formatted line, stack traces included. */
public class ScrubbingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return SecretRegistry.scrub(super.doLayout(event));
    }
}
