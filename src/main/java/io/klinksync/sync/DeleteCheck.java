package io.klinksync.sync;

import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Verified deletes: after a complete walk, each row the walk did not see is asked for by GET path/ID before the
 * mirror may delete it. 404 proves it gone; an answer means it shifted past the reader, and the row is refreshed
 * from it. Up to sync.delete.verify-max rows; beyond that, or where the stream cannot be retrieved one by one,
 * nothing is asked and the mirror waits for a second complete pass to miss the same rows.
 */
public final class DeleteCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteCheck.class);

    private final MirrorWriter mirror;
    private final int verifyMax;

    public DeleteCheck(MirrorWriter mirror, int verifyMax) {
        this.mirror = mirror;
        this.verifyMax = verifyMax;
    }

    /** The ids to ask about: none when the walk was not complete, the stream has no GET by id, or too many. */
    public List<String> candidates(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        if (walk.incompleteReason() != null || !walk.run.isOpen() || !walk.stream.retrievable()) {
            return List.of();
        }
        List<String> unseen = mirror.unseen(walk.run, verifyMax + 1);
        if (unseen.size() > verifyMax) {
            LOG.warn("Stream {}: more than {} rows missing from this pass (sync.delete.verify-max); none is asked about,"
                    + " and each is deleted only if the next complete pass misses it too", walk.streamName(), verifyMax);
            return List.of();
        }
        return unseen;
    }
}
