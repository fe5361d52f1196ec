package io.klinksync.api;

/**
 * No connection to the API could be made: refused, unknown host, TLS failure or connect timeout. The api-retries
 * configuration retries it a few times quickly (api.connect.*), then it stops the command like a refused token.
 * The network failure is kept as a suppressed exception, not as the cause: Camel picks the retry policy by the
 * innermost cause, and the one of a TLS failure is often a plain IOException, which would get the long policy.
 */
public class ApiUnreachableException extends ApiUnavailableException {

    public ApiUnreachableException(String message, Throwable failure) {
        super(0, message);
        if (failure != null) {
            addSuppressed(failure);
        }
    }
}
