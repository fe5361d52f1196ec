package io.klinksync.mirror;

/**
 * The one-writer-per-stream lock of a run, held in the mirror itself (an advisory lock, GET_LOCK, a locked row,
 * or a lock file), so it binds every process that writes there, and ends with its holder even after kill -9.
 */
public interface StreamLock extends AutoCloseable {

    /**
     * Whether the lock is still held: false once its connection broke (the database server, or the process serving
     * the embedded mirror, went away), which frees the lock for another writer.
     */
    boolean held();

    @Override
    void close();
}
