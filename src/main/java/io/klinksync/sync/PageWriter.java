package io.klinksync.sync;

import io.klinksync.mirror.MappedBatch;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.RecordMapping;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write step of both sync routes: the mapped batch goes to the mirror in one transaction, unless the run has
 * ended meanwhile (another page failed it): a run's row tells what it wrote, and nothing is written after it.
 */
public final class PageWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PageWriter.class);

    private final MirrorWriter mirror;
    private final RecordMapping mapping;
    private final SyncProgress progress;
    private final SyncMetrics metrics;

    public PageWriter(MirrorWriter mirror, RecordMapping mapping, SyncProgress progress, SyncMetrics metrics) {
        this.mirror = mirror;
        this.mapping = mapping;
        this.progress = progress;
        this.metrics = metrics;
    }

    /** Writes the body, the batch the map step made of the pages in property klink.batch. */
    public void write(Exchange exchange) {
        PageBatch batch = exchange.getProperty(PageBatch.PROPERTY, PageBatch.class);
        exchange.removeProperty(PageBatch.PROPERTY);
        if (batch == null || batch.pages == 0) {
            return;
        }
        write(Walk.of(exchange), batch, exchange.getMessage().getBody(MappedBatch.class));
    }

    /**
     * After a cursor walk failed: writes the pages it received in full and had not written yet (a page that
     * arrived broken never joined the batch). When this write fails too, the walk's failure stays the one reported.
     */
    public void writeReceived(Exchange exchange) {
        PageBatch batch = exchange.getProperty(PageBatch.PROPERTY, PageBatch.class);
        exchange.removeProperty(PageBatch.PROPERTY);
        if (batch == null || batch.pages == 0) {
            return;
        }
        Walk walk = Walk.of(exchange);
        try {
            write(walk, batch, mapping.map(batch.stream(), batch.records()));
        } catch (RuntimeException e) {
            Throwable walkFailure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (walkFailure == null) {
                throw e;
            }
            walkFailure.addSuppressed(e);
            LOG.warn("Stream {}: the pages received before the walk failed could not be written either: {}",
                    walk.streamName(), e.getMessage());
        }
    }

    private void write(Walk walk, PageBatch batch, MappedBatch mapped) {
        int records = batch.records().size();
        boolean written;
        try {
            written = walk.run.whileOpen(() -> {
                mirror.write(walk.run, mapped);
                walk.run.pages.addAndGet(batch.pages);
                walk.received.addAndGet(records);
            });
        } finally {
            // Camel's parallel split keeps the batches it split into until the walk ends: without this, every
            // record of the walk stayed on the heap (a 200,000-contact sync ran out of -Xmx512m at 85,000).
            batch.release();
        }
        if (!written) {
            return;
        }
        metrics.pages(walk.streamName(), batch.pages, records);
        progress.page(walk);
        LOG.debug("Stream {}: {} pages done, the last {} with {} records", walk.streamName(), walk.run.pages.get(),
                batch.pages, records);
    }
}
