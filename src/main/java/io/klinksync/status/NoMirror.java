package io.klinksync.status;

import io.klinksync.mirror.MappedBatch;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.StreamLock;
import io.klinksync.mirror.SyncRun;

import java.util.Collection;
import java.util.List;

/** The mirror of a runtime that only asks the API (check): opening the real one would migrate it. */
final class NoMirror implements MirrorWriter {

    private static IllegalStateException refused() {
        return new IllegalStateException("klink-sync check writes nothing to the mirror");
    }

    @Override
    public StreamLock lock(String stream, long waitMillis) {
        throw refused();
    }

    @Override
    public SyncRun begin(String stream, String profile) {
        throw refused();
    }

    @Override
    public void write(SyncRun run, MappedBatch batch) {
        throw refused();
    }

    @Override
    public long distinctSeen(SyncRun run) {
        throw refused();
    }

    @Override
    public void resetSeen(SyncRun run) {
        throw refused();
    }

    @Override
    public List<String> unseen(SyncRun run, int limit) {
        throw refused();
    }

    @Override
    public SyncRun complete(SyncRun run, Collection<String> gone) {
        throw refused();
    }

    @Override
    public SyncRun fail(SyncRun run, String status, String error) {
        throw refused();
    }

    @Override
    public void close() {
    }
}
