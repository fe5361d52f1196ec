package io.klinksync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decides what an HTTP response means: 2xx becomes the parsed JSON body; 429, 5xx and broken JSON become
 * {@link TransientApiException}, and a 429 or a Retry-After pauses every request of the process
 * ({@link RateLimitPause}); 401 and 403 are {@link ApiUnavailableException}, which stops the whole command; any
 * other 4xx is the caller's error, with the API's own message.
 */
public final class ApiResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Profile profile;
    private final RateLimitPause pause;

    public ApiResponse(Profile profile, RateLimitPause pause) {
        this.profile = profile;
        this.pause = pause;
    }

    public void check(Exchange exchange) throws IOException {
        var message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String request = ApiRequest.describe(exchange, profile.baseUrl().toString());
        byte[] body = readBody(message.getBody(InputStream.class));

        if (status >= 200 && status < 300) {
            message.setBody(parse(body, status, request));
            return;
        }
        if (status == 404 && exchange.getProperty(ApiCall.NOT_FOUND_ANSWERS, false, Boolean.class)) {
            message.setBody(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            return;
        }
        String apiMessage = errorMessage(body);
        String retryAfter = message.getHeader(RateLimitHeaders.RETRY_AFTER, String.class);
        int retriesSoFar = message.getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (status == 429) {
            long paused = pause.pauseAfter(retryAfter, retriesSoFar);
            throw new TransientApiException(status, "429 Too Many Requests from " + request
                    + " (every request paused " + paused + " ms)" + apiMessage);
        }
        if (status >= 500) {
            if (retryAfter != null) {
                pause.pauseAfter(retryAfter, retriesSoFar);
            }
            throw new TransientApiException(status, status + " from " + request + apiMessage);
        }
        if (status == 401 || status == 403) {
            String said = apiMessage.endsWith(".") ? apiMessage.substring(0, apiMessage.length() - 1) : apiMessage;
            throw new ApiUnavailableException(status, status + (status == 401 ? " Unauthorized" : " Forbidden") + " from "
                    + request + " (profile " + profile.name() + streamOf(exchange) + ")" + said + ". The API refused the token: check that"
                    + " KLINK_TOKEN or KLINK_TOKEN_FILE holds a valid token for this deployment.");
        }
        throw new ApiException(status, status + " from " + request + apiMessage);
    }

    private static String streamOf(Exchange exchange) {
        String stream = exchange.getProperty(ApiCall.STREAM, String.class);
        return stream == null ? "" : ", stream " + stream;
    }

    private static JsonNode parse(byte[] body, int status, String request) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new TransientApiException(status, "Empty body from " + request + "; expected JSON.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TransientApiException(status, "Malformed JSON from " + request + " ("
                    + e.getOriginalMessage() + " at byte " + e.getLocation().getByteOffset() + " of " + body.length + ")", e);
        } catch (IOException e) {
            throw new TransientApiException(status, "Unreadable body from " + request + ": " + e.getMessage(), e);
        }
    }

    /** The API's own explanation, in either documented error shape; empty when there is none. */
    static String errorMessage(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("message")) {
                return ": " + node.get("message").asText();
            }
            if (node.path("errors").isArray() && !node.path("errors").isEmpty()) {
                JsonNode first = node.path("errors").get(0);
                return ": " + first.path("message").asText() + (first.hasNonNull("cd") ? " (" + first.get("cd").asText() + ")" : "");
            }
        } catch (IOException notJson) {
            // fall through: show the start of whatever came back
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }
}
