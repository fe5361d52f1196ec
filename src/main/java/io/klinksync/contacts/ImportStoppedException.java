package io.klinksync.contacts;

/** The import could not proceed at all (file unreadable, API unreachable, token refused): exit code 2. */
public class ImportStoppedException extends RuntimeException {
    public ImportStoppedException(String message) {
        super(message);
    }

    public ImportStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
