package io.klinksync.api;

import java.util.Optional;

/**
 * The API cannot serve this process at all: it refused the token (401, 403), or it cannot be reached (connection
 * refused, unknown host, TLS failure, connect timeout). Every other request would fail the same way, so whoever
 * meets it stops the whole command instead of going on with the next stream or row.
 */
public class ApiUnavailableException extends ApiException {

    public ApiUnavailableException(int status, String message) {
        super(status, message);
    }

    /** This exception where it sits in a chain of causes (Camel wraps what routes throw). */
    public static Optional<ApiUnavailableException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiUnavailableException unavailable) {
                return Optional.of(unavailable);
            }
        }
        return Optional.empty();
    }
}
