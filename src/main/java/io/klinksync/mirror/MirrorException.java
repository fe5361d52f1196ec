package io.klinksync.mirror;

/** A mirror that cannot be opened or written; the message names the table, stream or URL involved. */
public class MirrorException extends RuntimeException {

    public MirrorException(String message) {
        super(message);
    }

    public MirrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
