package io.klinksync.sync;

import io.klinksync.mirror.MirrorWriter;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift guard, after a whole walk: the ids the walk saw must be distinct and, where the API states a total,
 * match it. Otherwise the stream is walked again, up to sync.drift.max-rewalks times, and then the pass is
 * incomplete, so nothing is deleted. {@link #verdict} is the rule; {@link #check} is the route's step.
 */
public final class CompletenessCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CompletenessCheck.class);

    /** What a walk's counts say: complete, walk again (why), or incomplete for good (why). */
    public record Verdict(Outcome outcome, String reason) {
        public enum Outcome { COMPLETE, WALK_AGAIN, INCOMPLETE }
    }

    private final MirrorWriter mirror;
    private final int maxRewalks;

    public CompletenessCheck(MirrorWriter mirror, int maxRewalks) {
        this.mirror = mirror;
        this.maxRewalks = maxRewalks;
    }

    /**
     * walks: walks done so far, this one included; received: records the walk wrote; distinct: distinct ids among
     * them; statedTotal: the total the API stated, or -1; driftNote: what the pages contradicted, or null.
     */
    public Verdict verdict(int walks, long received, long distinct, long statedTotal, String driftNote) {
        String problem = null;
        if (driftNote != null) {
            problem = driftNote;
        } else if (received != distinct) {
            problem = (received - distinct) + " records came twice (" + received + " received, " + distinct + " distinct ids)";
        } else if (statedTotal >= 0 && distinct != statedTotal) {
            problem = "the API reported " + statedTotal + " records but " + distinct + " distinct ids arrived";
        }
        if (problem == null) {
            return new Verdict(Verdict.Outcome.COMPLETE, null);
        }
        if (walks <= maxRewalks) {
            return new Verdict(Verdict.Outcome.WALK_AGAIN, problem);
        }
        return new Verdict(Verdict.Outcome.INCOMPLETE, "records shifted while paging: " + problem + ", still after "
                + maxRewalks + " re-walks; nothing was deleted, the next run will try again");
    }

    /** The route's check-completeness step: decides whether the route's loop walks the stream again. */
    public void check(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        walk.walks++;
        Verdict verdict = verdict(walk.walks, walk.received(), mirror.distinctSeen(walk.run), walk.recordsTotal(),
                walk.driftNote());
        walk.walkAgain = verdict.outcome() == Verdict.Outcome.WALK_AGAIN;
        if (walk.walkAgain) {
            LOG.warn("Stream {}: {}; walking the stream again ({} of {})", walk.streamName(), verdict.reason(), walk.walks,
                    maxRewalks);
            mirror.resetSeen(walk.run);
            walk.run.seen.set(0);
            walk.run.unchanged.set(0);
            walk.received.set(0);
        } else if (verdict.outcome() == Verdict.Outcome.INCOMPLETE) {
            walk.incompleteReason = verdict.reason();
        }
    }

    /** The condition of the route's re-walk loop: true before the first walk, then as the last check decided. */
    public boolean walkAgain(@ExchangeProperty(Walk.PROPERTY) Walk walk) {
        return walk.walkAgain;
    }
}
