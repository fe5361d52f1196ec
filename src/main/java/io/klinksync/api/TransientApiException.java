package io.klinksync.api;

/**
 * A failure worth retrying: 429, a 5xx, or a page whose JSON arrived broken. The retry policy in
 * routes/api.camel.yaml redelivers the whole API call on this exception.
 */
public class TransientApiException extends ApiException {
    public TransientApiException(int status, String message) {
        super(status, message);
    }

    public TransientApiException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }
}
