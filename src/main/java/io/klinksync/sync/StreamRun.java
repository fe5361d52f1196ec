package io.klinksync.sync;

import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiException;
import io.klinksync.api.Profile;
import io.klinksync.config.UserMessage;
import io.klinksync.mirror.MirrorException;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.StreamBusyException;
import io.klinksync.mirror.StreamLock;
import io.klinksync.mirror.SyncRun;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first and last steps of every sync route: begin a run (the stream's writer lock, then its sync_runs row),
 * and end it: complete (only a complete, drift-free pass under a lock still held may delete anything), fail
 * (the route's doCatch: 'interrupted' after a stop, otherwise 'failed', nothing deleted) or refreshed; release
 * gives the lock back (doFinally). The lock is held from before the run begins until after it ended. When the
 * process halts with runs still going, they end as interrupted with what they wrote so far.
 */
public final class StreamRun {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRun.class);

    private final MirrorWriter mirror;
    private final Profile profile;
    private final int pageSize;
    private final long lockWaitMillis;
    private final SyncProgress progress;
    private final SyncMetrics metrics;
    private final StopSignal stop;
    private final Set<SyncRun> running = ConcurrentHashMap.newKeySet();
    private final Runnable interruptRunning = this::interruptRunning;

    public StreamRun(MirrorWriter mirror, Profile profile, int pageSize, long lockWaitMillis, SyncProgress progress,
                     SyncMetrics metrics, StopSignal stop) {
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

    /**
     * Begin run, of the stream in property klink.stream: throws {@link StreamBusyException} when another process
     * holds the stream; nothing is begun then.
     */
    public void begin(Exchange exchange) {
        Walk walk = open(exchange);
        LOG.info("Stream {}: syncing from {}{} ({} paging)", walk.streamName(), profile.baseUrl(), walk.stream.path(),
                walk.stream.paging().name().toLowerCase(Locale.ROOT));
        progress.started(walk);
    }

    /** Begin a run that fetches the named records in the body one by one (refresh-records). */
    public void beginRefresh(Exchange exchange, @Body List<String> ids) {
        Walk walk = open(exchange);
        LOG.info("Stream {}: refreshing {} records one by one from {}{}/ID", walk.streamName(), ids.size(),
                profile.baseUrl(), walk.stream.path());
    }

    private Walk open(Exchange exchange) {
        Profile.Stream spec = profile.stream(exchange.getProperty(ApiCall.STREAM, String.class));
        StreamLock lock = mirror.lock(spec.name(), lockWaitMillis);
        SyncRun run;
        try {
            run = mirror.begin(spec.name(), profile.name());
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
        running.add(run);
        Walk walk = new Walk(run, spec, pageSize, lock);
        exchange.setProperty(Walk.PROPERTY, walk);
        return walk;
    }

    /**
     * Complete run, after the pages and the delete check: 'incomplete' when the completeness check said so,
     * 'failed' when the writer lock was lost during the pass, else 'success' with the proven deletes.
     */
    public void complete(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        SyncRun run = walk.run;
        // Page threads still writing finish first; none starts after this, so the counters are final.
        run.closeWrites(Long.MAX_VALUE);
        if (walk.incompleteReason() != null) {
            end(run, mirror.fail(run, "incomplete", walk.incompleteReason()));
        } else if (!walk.lock.held()) {
            // Another process may be writing the stream now: deleting on this pass's word would not be safe.
            end(run, mirror.fail(run, "failed", "the stream's writer lock was lost during the pass (the connection that"
                    + " held it broke); nothing was deleted, the next run completes the stream"));
        } else {
            end(run, mirror.complete(run, walk.gone()));
        }
    }

    /** End of a refresh: 'refreshed', not a pass, so nothing is deleted; a 404 waits for the next pass. */
    public void refreshed(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        SyncRun run = walk.run;
        run.closeWrites(Long.MAX_VALUE);
        String gone = walk.gone().isEmpty() ? null : walk.gone().size() + " of them are gone from the API;"
                + " the next complete pass deletes them";
        end(run, mirror.fail(run, SyncRun.REFRESHED, gone));
    }

    /** Fail run, the route's doCatch: 'interrupted' after a stop, otherwise 'failed'; nothing is deleted. */
    public void fail(@ExchangeProperty(Walk.PROPERTY) Walk walk,
                     @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        SyncRun run = walk.run;
        run.closeWrites(Long.MAX_VALUE);
        end(run, mirror.fail(run, stop.requested() ? "interrupted" : "failed", describe(failure)));
    }

    /** The route's doFinally: the run is no longer going, and the stream's writer lock is given back. */
    public void release(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        try {
            running.remove(walk.run);
            progress.done();
        } finally {
            walk.lock.close();
        }
    }

    /** The runtime is closing: its runs no longer need marking when the process halts. */
    public void detach() {
        stop.removeBeforeHalt(interruptRunning);
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
    static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ApiException) && !(cause instanceof BrokenPageException)
                && !(cause instanceof MirrorException) && !(cause instanceof StopRequestedException)) {
            cause = cause.getCause();
        }
        return UserMessage.of(cause, "no reason given");
    }
}
