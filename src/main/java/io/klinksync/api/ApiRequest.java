package io.klinksync.api;

import io.klinksync.config.ApiToken;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;

/**
 * Turns the request described by {@link ApiCall} exchange properties into the HTTP headers and body
 * camel-http sends, adding the token last so that nothing else can copy it.
 */
public final class ApiRequest {

    private final ApiToken token;

    public ApiRequest(ApiToken token) {
        this.token = token;
    }

    public void prepare(Exchange exchange) {
        var message = exchange.getMessage();
        // As camel-http's own enum: a String would go through a type converter lookup (a scan) on every request.
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(exchange.getProperty(ApiCall.METHOD, "GET", String.class)));
        message.setHeader(Exchange.HTTP_PATH, exchange.getProperty(ApiCall.PATH, String.class));
        String query = exchange.getProperty(ApiCall.QUERY, String.class);
        if (query != null && !query.isEmpty()) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
        message.setHeader("Accept", "application/json");
        String body = exchange.getProperty(ApiCall.BODY, String.class);
        if (body != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
            message.setBody(body);
        } else {
            message.setBody(null);
        }
        message.setHeader("Authorization", token.bearerHeader());
    }

    /** METHOD https://host/path?query, for messages; never holds the token. */
    public static String describe(Exchange exchange, String baseUrl) {
        String query = exchange.getProperty(ApiCall.QUERY, String.class);
        return exchange.getProperty(ApiCall.METHOD, "GET", String.class) + " " + baseUrl
                + exchange.getProperty(ApiCall.PATH, "", String.class)
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
