package io.klinksync.api;

import org.apache.camel.Exchange;

import javax.net.ssl.SSLException;
import java.net.UnknownHostException;

/**
 * Called by the api route when the connection itself failed (refused, unknown host, TLS, connect timeout):
 * turns it into an {@link ApiUnreachableException} that names the profile, the URL and what to check, which the
 * api-retries configuration retries with its own short policy.
 */
public final class ApiUnreachable {

    private final Profile profile;

    public ApiUnreachable(Profile profile) {
        this.profile = profile;
    }

    public void raise(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stream = exchange.getProperty(ApiCall.STREAM, String.class);
        throw new ApiUnreachableException("Cannot reach the API at " + profile.baseUrl() + " (profile " + profile.name()
                + (stream == null ? "" : ", stream " + stream) + "): " + reason(failure)
                + ". Check api.base-url (or --base-url) and the network, then run again.", failure);
    }

    private static String reason(Throwable failure) {
        if (failure instanceof UnknownHostException) {
            return "unknown host " + failure.getMessage();
        }
        if (failure instanceof SSLException) {
            return "TLS failed (" + failure.getMessage() + ")";
        }
        return failure == null || failure.getMessage() == null ? "no connection" : failure.getMessage();
    }
}
