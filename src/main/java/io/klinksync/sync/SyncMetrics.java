package io.klinksync.sync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Micrometer meters per stream: records and pages synced, runs by outcome, and the time of the last success. */
public final class SyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Every meter of these streams, at 0, so that `run` exports them from start-up (a dashboard or alert sees 0,
     * not "no data"); a last success time of 0 means never.
     */
    public void declare(Iterable<String> streams, Iterable<String> statuses) {
        for (String stream : streams) {
            registry.counter("klink_pages_total", "stream", stream);
            registry.counter("klink_records_total", "stream", stream);
            registry.counter("klink_retries_total", "stream", stream);
            statuses.forEach(status -> registry.counter("klink_runs_total", "stream", stream, "status", status));
            lastSuccess(stream);
        }
    }

    private AtomicLong lastSuccess(String stream) {
        return lastSuccess.computeIfAbsent(stream, s -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("klink_last_success_timestamp_seconds", holder, AtomicLong::doubleValue)
                    .tag("stream", s).register(registry);
            return holder;
        });
    }

    void pages(String stream, int pages, int records) {
        registry.counter("klink_pages_total", "stream", stream).increment(pages);
        registry.counter("klink_records_total", "stream", stream).increment(records);
    }

    void runEnded(String stream, String status, long epochSecond) {
        registry.counter("klink_runs_total", "stream", stream, "status", status).increment();
        if ("success".equals(status)) {
            lastSuccess(stream).set(epochSecond);
        }
    }
}
