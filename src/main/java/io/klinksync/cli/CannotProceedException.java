package io.klinksync.cli;

/** A run stopped for a reason the user must act on; its message is the one line shown. */
public class CannotProceedException extends RuntimeException {
    public CannotProceedException(String message) {
        super(message);
    }

    public CannotProceedException(String message, Throwable cause) {
        super(message, cause);
    }
}
