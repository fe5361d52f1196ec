package io.klinksync.api;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Called by Camel before each redelivery: one warning line naming the request and why, and retry metrics
 * (every retry, and the 429s among them apart). */
public final class RetryLog implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);

    private final MeterRegistry metrics;

    public RetryLog(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        int max = exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, 0, Integer.class);
        String stream = exchange.getProperty(ApiCall.STREAM, "api", String.class);
        metrics.counter("klink_retries_total", "stream", stream).increment();
        if (cause instanceof ApiException api && api.status() == 429) {
            metrics.counter("klink_rate_limited_total", "stream", stream).increment(); // the 429s among those retries
        }
        LOG.warn("Retry {} of {} for stream {}: {}", attempt, max, stream,
                cause == null || cause.getMessage() == null ? "no reason given" : cause.getMessage());
    }
}
