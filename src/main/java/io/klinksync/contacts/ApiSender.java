package io.klinksync.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The one place import and export reach the API: every request goes through direct:contacts-api
 * (routes/contacts.camel.yaml), which calls direct:api under the api-retries configuration, so it shares the
 * process-wide rate limiter and retry policy with sync. Returns the response JSON; throws ApiException.
 */
public final class ApiSender {

    /** The route that adds the shared retry policy around direct:api. */
    public static final String ENDPOINT = "direct:contacts-api";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProducerTemplate template;

    public ApiSender(ProducerTemplate template) {
        this.template = template;
    }

    public JsonNode call(String method, String path, String query, String body) {
        Exchange result = template.send(ENDPOINT, exchange -> {
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
        Object response = result.getMessage().getBody();
        if (response instanceof JsonNode node) {
            return node;
        }
        String text = result.getMessage().getBody(String.class);
        try {
            return JSON.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new ApiException(0, method + " " + path + " answered with something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
