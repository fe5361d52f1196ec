package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.api.ApiCall;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.runtime.StopSignal;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What both paging styles do with a page that arrived: check its shape and whether what it says can be true,
 * hand its records to the mirror.
 */
abstract class PageReader {

    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);

    private final MirrorWriter mirror;
    private final SyncProgress progress;
    private final SyncMetrics metrics;
    final int pagesPerWrite;

    PageReader(MirrorWriter mirror, SyncProgress progress, SyncMetrics metrics, int pagesPerWrite) {
        this.mirror = mirror;
        this.progress = progress;
        this.metrics = metrics;
        this.pagesPerWrite = pagesPerWrite;
    }

    static Walk walk(Exchange exchange) {
        return exchange.getProperty(Walk.PROPERTY, Walk.class);
    }

    /** The safe point of a walk: a stop (SIGTERM, Ctrl-C) or a run already ended sends no further request. */
    static void setRequest(Exchange exchange, Walk walk, String query) {
        StopSignal.process().throwIfRequested("while syncing stream " + walk.streamName());
        if (!walk.run.isOpen()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": run " + walk.run.id() + " has ended.");
        }
        exchange.setProperty(ApiCall.METHOD, "GET");
        exchange.setProperty(ApiCall.PATH, walk.stream.path());
        if (query == null) {
            exchange.removeProperty(ApiCall.QUERY);
        } else {
            exchange.setProperty(ApiCall.QUERY, query);
        }
    }

    /** The page's data array, or a clear error naming stream, URL and what was expected. */
    static JsonNode data(JsonNode page, Exchange exchange, Walk walk, String expectedShape) {
        JsonNode data = page.get("data");
        if (data == null || !data.isArray()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the page from " + walk.stream.path() + "?"
                    + exchange.getProperty(ApiCall.QUERY, String.class) + " has no data array; expected " + expectedShape + ".");
        }
        return data;
    }

    /**
     * The page's records, once its paging metadata (headerProblems, from {@link PageHeaderCheck}) and its ids
     * can be true; otherwise an error quoting what the page said. Such a page is not written.
     */
    static JsonNode trustedRecords(JsonNode page, Exchange exchange, Walk walk, String expectedShape,
                                   List<String> headerProblems) {
        JsonNode data = data(page, exchange, walk, expectedShape);
        List<String> problems = new ArrayList<>(headerProblems);
        String idProblem = PageHeaderCheck.idProblem(data);
        if (idProblem != null) {
            problems.add(idProblem);
        }
        if (!problems.isEmpty()) {
            throw new BrokenPageException("Stream " + walk.streamName() + ": the page from " + walk.stream.path() + "?"
                    + exchange.getProperty(ApiCall.QUERY, String.class) + " cannot be true: " + String.join("; ", problems)
                    + ". Stopping instead of walking on. Nothing was deleted.");
        }
        return data;
    }

    /**
     * Writes the exchange's batch of pages to the mirror in one transaction, unless the run has ended meanwhile
     * (another page failed it): a run's row tells what it wrote, and nothing is written after it.
     */
    public void write(Exchange exchange) {
        PageBatch batch = exchange.getProperty(PageBatch.PROPERTY, PageBatch.class);
        exchange.removeProperty(PageBatch.PROPERTY);
        if (batch == null || batch.pages == 0) {
            return;
        }
        Walk walk = walk(exchange);
        boolean written = walk.run.whileOpen(() -> {
            mirror.write(walk.run, batch.records);
            walk.run.pages.addAndGet(batch.pages);
            walk.received.addAndGet(batch.records.size());
        });
        if (!written) {
            return;
        }
        metrics.pages(walk.streamName(), batch.pages, batch.records.size());
        progress.page(walk);
        LOG.debug("Stream {}: {} pages done, the last {} with {} records", walk.streamName(), walk.run.pages.get(),
                batch.pages, batch.records.size());
    }

    /**
     * Drift guard, after a whole walk: the ids this run saw must be distinct and, where the API states a
     * total, match it. Otherwise walk again, up to the configured number of times, then call it incomplete.
     */
    void verifyWalk(Exchange exchange, int maxRewalks) {
        Walk walk = walk(exchange);
        long distinct = mirror.distinctSeen(walk.run);
        long received = walk.received.get();
        String problem = null;
        if (walk.driftNote != null) {
            problem = walk.driftNote;
        } else if (received != distinct) {
            problem = (received - distinct) + " records came twice (" + received + " received, " + distinct + " distinct ids)";
        } else if (walk.total >= 0 && distinct != walk.total) {
            problem = "the API reported " + walk.total + " records but " + distinct + " distinct ids arrived";
        }
        walk.walks++;
        if (problem == null) {
            walk.walkAgain = false;
            return;
        }
        if (walk.walks <= maxRewalks) {
            LOG.warn("Stream {}: {}; walking the stream again ({} of {})", walk.streamName(), problem, walk.walks, maxRewalks);
            mirror.resetSeen(walk.run);
            walk.run.seen.set(0);
            walk.run.unchanged.set(0);
            walk.restart();
            walk.walkAgain = true;
        } else {
            walk.incompleteReason = "records shifted while paging: " + problem + ", still after " + maxRewalks
                    + " re-walks; nothing was deleted, the next run will try again";
            walk.walkAgain = false;
        }
    }

    public boolean walkAgain(Exchange exchange) {
        return walk(exchange).walkAgain;
    }
}
