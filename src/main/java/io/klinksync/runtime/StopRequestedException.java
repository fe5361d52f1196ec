package io.klinksync.runtime;

/** A stop (SIGTERM, Ctrl-C) reached a safe point of some work; its run ends as `interrupted`. */
public final class StopRequestedException extends RuntimeException {
    public StopRequestedException(String message) {
        super(message);
    }
}
