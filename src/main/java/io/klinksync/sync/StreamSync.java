package io.klinksync.sync;

import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiException;
import io.klinksync.api.ApiUnavailableException;
import io.klinksync.mirror.MirrorException;
import io.klinksync.api.Profile;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Runs one pass over one stream: opens its sync_runs row, sends it through the stream's route
 * (direct:sync-STREAM), then completes the run, or records why it failed. Only a complete, drift-free pass
 * may delete anything; every other outcome leaves the mirror as the last good pass plus upserted records.
 */
public final class StreamSync {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSync.class);

    private final ProducerTemplate producer;
    private final MirrorWriter mirror;
    private final Profile profile;
    private final int pageSize;
    private final SyncProgress progress;
    private final SyncMetrics metrics;

    public StreamSync(ProducerTemplate producer, MirrorWriter mirror, Profile profile, int pageSize,
                      SyncProgress progress, SyncMetrics metrics) {
        this.producer = producer;
        this.mirror = mirror;
        this.profile = profile;
        this.pageSize = Math.min(pageSize, profile.maxPageSize());
        this.progress = progress;
        this.metrics = metrics;
    }

    /**
     * Called by the scheduled routes and by `klink-sync sync`; answers the ended run. When the API refused the
     * token or cannot be reached, the run is recorded as failed and the ApiUnavailableException is thrown on.
     */
    public SyncRun run(String stream) {
        Profile.Stream spec = profile.stream(stream);
        SyncRun run = mirror.begin(stream, profile.name());
        Walk walk = new Walk(run, spec, pageSize);
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(Walk.PROPERTY, walk);
        exchange.setProperty(ApiCall.STREAM, stream);
        LOG.info("Stream {}: syncing from {}{} ({} paging)", stream, profile.baseUrl(), spec.path(),
                spec.paging().name().toLowerCase(java.util.Locale.ROOT));
        try {
            Exchange done = producer.send("direct:sync-" + stream, exchange);
            if (done.getException() != null) {
                end(run, mirror.fail(run, "failed", describe(done.getException())));
                ApiUnavailableException.in(done.getException()).ifPresent(stop -> { throw stop; }); // no stream can run
            } else if (walk.incompleteReason() != null) {
                end(run, mirror.fail(run, "incomplete", walk.incompleteReason()));
            } else {
                end(run, mirror.complete(run));
            }
        } catch (ApiUnavailableException recorded) { // recorded above; the command stops
            throw recorded;
        } catch (RuntimeException e) {
            end(run, mirror.fail(run, "failed", describe(e)));
        } finally {
            progress.done();
        }
        return run;
    }

    private void end(SyncRun run, SyncRun ended) {
        metrics.runEnded(run.stream(), ended.status(), Instant.now().getEpochSecond());
        if ("success".equals(ended.status())) {
            LOG.info("Profile {}, stream {}", profile.name(), ended);
        } else {
            LOG.error("Profile {}, stream {}", profile.name(), ended);
        }
    }

    /**
     * The message of the failure that matters, not of Camel's wrappers around it (split, bean invocation). Our
     * own exceptions already say what and where, with the driver's or server's reason included.
     */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ApiException) && !(cause instanceof BrokenPageException)
                && !(cause instanceof MirrorException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
