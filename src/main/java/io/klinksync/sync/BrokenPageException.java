package io.klinksync.sync;

/** A page that parsed as JSON but does not have the documented shape, or a cursor that loops. */
public class BrokenPageException extends RuntimeException {
    public BrokenPageException(String message) {
        super(message);
    }
}
