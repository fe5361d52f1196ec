package io.klinksync.sync;

import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiException;
import io.klinksync.api.ApiUnavailableException;
import io.klinksync.api.Profile;
import io.klinksync.config.UserMessage;
import io.klinksync.mirror.MirrorException;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.StreamBusyException;
import io.klinksync.mirror.StreamLock;
import io.klinksync.mirror.SyncRun;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Runs one pass over one stream: opens its sync_runs row, sends it through the stream's route
 * (direct:sync-STREAM), then completes the run, or records why it failed. Only a complete, drift-free pass
 * may delete anything; every other outcome leaves the mirror as the last good pass plus upserted records.
 * The stream's writer lock is held from before the run begins until after it ended.
 */
public final class StreamSync {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSync.class);

    private final ProducerTemplate producer;
    private final MirrorWriter mirror;
    private final Profile profile;
    private final int pageSize;
    private final SyncProgress progress;
    private final SyncMetrics metrics;

    private final long lockWaitMillis;
    private final StopSignal stop;
    private final Set<SyncRun> running = ConcurrentHashMap.newKeySet();
    private final Runnable interruptRunning = this::interruptRunning;

    public StreamSync(ProducerTemplate producer, MirrorWriter mirror, Profile profile, int pageSize, long lockWaitMillis,
                      SyncProgress progress, SyncMetrics metrics, StopSignal stop) {
        this.producer = producer;
        this.mirror = mirror;
        this.profile = profile;
        this.pageSize = Math.min(pageSize, profile.maxPageSize());
        this.lockWaitMillis = lockWaitMillis;
        this.progress = progress;
        this.metrics = metrics;
        this.stop = stop;
        stop.beforeHalt(interruptRunning);
    }

    /** Records a page holds: sync.page-size, within the profile's maximum. */
    public int pageSize() {
        return pageSize;
    }

    /** The runtime is closing: its runs no longer need marking when the process halts. */
    public void detach() {
        stop.removeBeforeHalt(interruptRunning);
    }

    /**
     * Called by `klink-sync sync` and the import; answers the ended run. Throws {@link StreamBusyException} when
     * another process holds the stream, and {@link StopRequestedException} when a stop came before it began.
     * Throws {@link ApiUnavailableException}, after recording the run as failed, when the API refused the token or
     * cannot be reached: no other stream could run either.
     */
    public SyncRun run(String stream) {
        Profile.Stream spec = profile.stream(stream);
        stop.throwIfRequested("before stream " + stream + " began");
        return underLock(spec, (run, lock) -> walk(run, spec, lock));
    }

    /**
     * Fetches the named records one by one (GET path/ID, route refresh-records) and writes them, e.g. the contacts
     * an import changed, so the next import need not sync every contact. The run ends as 'refreshed': not a pass,
     * so nothing is deleted and the stream's freshness is not claimed.
     */
    public SyncRun refresh(String stream, List<String> ids) {
        Profile.Stream spec = profile.stream(stream);
        stop.throwIfRequested("before stream " + stream + " was refreshed");
        return underLock(spec, (run, lock) -> fetch(run, spec, ids));
    }

    /** The stream's writer lock is held from before its run begins until after it ended. */
    private SyncRun underLock(Profile.Stream spec, BiConsumer<SyncRun, StreamLock> body) {
        try (StreamLock lock = mirror.lock(spec.name(), lockWaitMillis)) {
            SyncRun run = mirror.begin(spec.name(), profile.name());
            running.add(run);
            try {
                body.accept(run, lock);
            } finally {
                running.remove(run);
                progress.done();
            }
            return run;
        }
    }

    private void fetch(SyncRun run, Profile.Stream spec, List<String> ids) {
        Walk walk = new Walk(run, spec, pageSize);
        Exchange exchange = exchange(walk);
        exchange.getMessage().setBody(ids);
        LOG.info("Stream {}: refreshing {} records one by one from {}{}/ID", spec.name(), ids.size(), profile.baseUrl(),
                spec.path());
        Throwable failure = producer.send("direct:refresh-records", exchange).getException();
        run.closeWrites(Long.MAX_VALUE);
        String gone = walk.gone().isEmpty() ? null : walk.gone().size() + " of them are gone from the API;"
                + " the next complete pass deletes them";
        end(run, failure == null ? mirror.fail(run, SyncRun.REFRESHED, gone)
                : mirror.fail(run, stop.requested() ? "interrupted" : "failed", describe(failure)));
    }

    /** Called by the scheduled routes of `klink-sync run`: a busy stream or a stop skips this firing, in one line. */
    public void runScheduled(String stream) {
        try {
            run(stream);
        } catch (StreamBusyException | StopRequestedException skipped) {
            LOG.warn("Stream {}: this firing skipped: {}", stream, skipped.getMessage());
        }
    }

    private void walk(SyncRun run, Profile.Stream spec, StreamLock lock) {
        Walk walk = new Walk(run, spec, pageSize);
        Exchange exchange = exchange(walk);
        LOG.info("Stream {}: syncing from {}{} ({} paging)", spec.name(), profile.baseUrl(), spec.path(),
                spec.paging().name().toLowerCase(java.util.Locale.ROOT));
        progress.started(walk);
        Throwable failure;
        try {
            failure = producer.send("direct:sync-" + spec.name(), exchange).getException();
        } catch (RuntimeException e) {
            failure = e;
        }
        // Page threads still writing finish first; none starts after this, so the counters are final.
        run.closeWrites(Long.MAX_VALUE);
        if (failure != null) {
            end(run, mirror.fail(run, stop.requested() ? "interrupted" : "failed", describe(failure)));
            ApiUnavailableException.in(failure).ifPresent(unavailable -> { throw unavailable; }); // no stream can run
        } else if (walk.incompleteReason() != null) {
            end(run, mirror.fail(run, "incomplete", walk.incompleteReason()));
        } else if (!lock.held()) {
            // Another process may be writing the stream now: deleting on this pass's word would not be safe.
            end(run, mirror.fail(run, "failed", "the stream's writer lock was lost during the pass (the connection that"
                    + " held it broke); nothing was deleted, the next run completes the stream"));
        } else {
            end(run, mirror.complete(run, walk.gone()));
        }
    }

    private Exchange exchange(Walk walk) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(Walk.PROPERTY, walk);
        exchange.setProperty(ApiCall.STREAM, walk.streamName());
        return exchange;
    }

    /** The grace time ran out with runs still going: they end as interrupted with what they wrote so far. */
    private void interruptRunning() {
        for (SyncRun run : running) {
            run.closeWrites(0);
            mirror.fail(run, "interrupted", "stopped before the walk ended; the grace time (shutdown.grace) ran out");
        }
    }

    private void end(SyncRun run, SyncRun ended) {
        metrics.runEnded(run.stream(), ended.status(), Instant.now().getEpochSecond());
        progress.ended(profile.name(), ended); // the one result line: the log's or the command's (RunResults)
    }

    /**
     * The message of the failure that matters, not of Camel's wrappers around it (split, bean invocation). Our
     * own exceptions already say what and where, with the driver's or server's reason included.
     */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ApiException) && !(cause instanceof BrokenPageException)
                && !(cause instanceof MirrorException) && !(cause instanceof StopRequestedException)) {
            cause = cause.getCause();
        }
        return UserMessage.of(cause, "no reason given");
    }
}
