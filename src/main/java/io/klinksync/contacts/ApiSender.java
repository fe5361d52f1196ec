package io.klinksync.contacts;

import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The one place import and export reach the API: every request goes to direct:api, so it shares the
 * process-wide rate limiter and retry policy with sync. Returns the response body; throws ApiException.
 */
public final class ApiSender {

    private final ProducerTemplate template;

    public ApiSender(ProducerTemplate template) {
        this.template = template;
    }

    public String call(String method, String path, String query, String body) {
        Exchange result = template.send(ApiCall.ENDPOINT, exchange -> {
            exchange.setProperty(ApiCall.METHOD, method);
            exchange.setProperty(ApiCall.PATH, path);
            if (query != null) {
                exchange.setProperty(ApiCall.QUERY, query);
            }
            if (body != null) {
                exchange.setProperty(ApiCall.BODY, body);
            }
        });
        Exception failure = result.getException();
        if (failure != null) {
            Throwable cause = failure;
            while (cause != null && !(cause instanceof ApiException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw (ApiException) cause;
            }
            throw new ApiException(0, method + " " + path + " failed: " + failure.getMessage(), failure);
        }
        return result.getMessage().getBody(String.class);
    }
}
