package io.klinksync.sync;

import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiUnavailableException;
import io.klinksync.api.Profile;
import io.klinksync.mirror.StreamBusyException;
import io.klinksync.mirror.SyncRun;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * How commands, the import and the schedules run a stream: send it to its route (direct:sync-STREAM, or
 * direct:refresh-records) and answer the run the route ended. The route begins, walks, completes or fails the
 * run (routes/stream-templates.camel.yaml); this class only turns its outcome into the caller's answer.
 */
public final class StreamSync {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSync.class);

    private final ProducerTemplate producer;
    private final Profile profile;
    private final StreamRun runs;
    private final StopSignal stop;

    public StreamSync(ProducerTemplate producer, Profile profile, StreamRun runs, StopSignal stop) {
        this.producer = producer;
        this.profile = profile;
        this.runs = runs;
        this.stop = stop;
    }

    /** Records a page holds: sync.page-size, within the profile's maximum. */
    public int pageSize() {
        return runs.pageSize();
    }

    /** The runtime is closing: its runs no longer need marking when the process halts. */
    public void detach() {
        runs.detach();
    }

    /**
     * Called by `klink-sync sync` and the import; answers the ended run. Throws {@link StreamBusyException} when
     * another process holds the stream, and {@link StopRequestedException} when a stop came before it began.
     * Throws {@link ApiUnavailableException}, after the route recorded the run as failed, when the API refused the
     * token or cannot be reached: no other stream could run either.
     */
    public SyncRun run(String stream) {
        Profile.Stream spec = profile.stream(stream);
        stop.throwIfRequested("before stream " + stream + " began");
        Exchange done = send("direct:sync-" + spec.name(), spec, null);
        SyncRun run = Walk.of(done).run();
        ApiUnavailableException.in(done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .ifPresent(unavailable -> { throw unavailable; }); // no stream can run
        return run;
    }

    /**
     * Fetches the named records one by one (GET path/ID, route refresh-records) and writes them, e.g. the contacts
     * an import changed, so the next import need not sync every contact. The run ends as 'refreshed': not a pass,
     * so nothing is deleted and the stream's freshness is not claimed.
     */
    public SyncRun refresh(String stream, List<String> ids) {
        Profile.Stream spec = profile.stream(stream);
        stop.throwIfRequested("before stream " + stream + " was refreshed");
        return Walk.of(send("direct:refresh-records", spec, ids)).run();
    }

    /** Called by the scheduled routes of `klink-sync run`: a busy stream or a stop skips this firing, in one line. */
    public void runScheduled(String stream) {
        try {
            run(stream);
        } catch (StreamBusyException | StopRequestedException skipped) {
            LOG.warn("Stream {}: this firing skipped: {}", stream, skipped.getMessage());
        }
    }

    /** What failed before the run began (the stream busy, the mirror unreachable) is thrown as it is. */
    private Exchange send(String endpoint, Profile.Stream spec, Object body) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(ApiCall.STREAM, spec.name());
        exchange.getMessage().setBody(body);
        Exchange done = producer.send(endpoint, exchange);
        Throwable failure = done.getException();
        while (failure instanceof RuntimeCamelException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return done;
    }
}
