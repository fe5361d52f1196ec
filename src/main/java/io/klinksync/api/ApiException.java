package io.klinksync.api;

/**
 * The API answered with an error, or could not be reached, after the retry policy gave up. The message
 * names the method, URL, status and the API's own message; it never contains the token.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or 0 when no response arrived (connection refused, reset, timed out). */
    public int status() {
        return status;
    }

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
