package io.klinksync.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every request passes here from the platform-http route: latency, bearer auth, rate limit, injected faults,
 * then the API itself; the answer is recorded in the request log and written back as the Camel message.
 */
final class SandboxRequestHandler implements Processor {

    private static final byte[] MALFORMED_BODY = "{\"has_more\": false, \"data\": [<html>upstream error</html>]}"
            .getBytes(StandardCharsets.UTF_8);

    private final SandboxApi api;
    private final SandboxKnobs knobs;
    private final RequestLog log;
    private final String basePath;
    private final byte[] expectedAuthorization;
    private final String documentationUrl;
    private final CountDownLatch closing = new CountDownLatch(1);

    SandboxRequestHandler(SandboxApi api, SandboxKnobs knobs, RequestLog log, String basePath, String token,
                          String documentationUrl) {
        this.api = api;
        this.knobs = knobs;
        this.log = log;
        this.basePath = basePath;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.documentationUrl = documentationUrl;
    }

    /** Releases requests waiting in latency or a STALL, so the server stops promptly. */
    void close() {
        closing.countDown();
    }

    @Override
    public void process(Exchange exchange) {
        // Latency is the response time: the answer is worked out first and sent once the latency has passed
        // since the request arrived, so the sandbox's own work hides inside it instead of adding to every request.
        long respondAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(knobs.latencyMs());
        Message message = exchange.getMessage();
        HttpServerRequest http = message instanceof HttpMessage httpMessage ? httpMessage.getRequest() : null;
        if (http == null) {
            throw new IllegalStateException("The sandbox route must be fed by platform-http with the Vert.x engine.");
        }
        // Only writes carry a body; skipping the conversion keeps list pages cheap.
        String method = http.method().name();
        String body = method.equals("GET") || method.equals("DELETE") ? null : message.getBody(String.class);
        SandboxRequest request = request(http, body == null ? "" : body, knobs.effectiveLogCap() > 0);
        SandboxResponse response;
        boolean disconnect = false;
        try {
            response = answer(request, http);
        } catch (ApiError error) {
            response = SandboxResponse.error(error.status(), error.getMessage(), documentationUrl);
        } catch (Disconnect d) {
            response = null;
            disconnect = true;
        } catch (RuntimeException e) {
            response = SandboxResponse.error(500, "The sandbox failed: " + e, documentationUrl);
        }
        pauseUntil(respondAt);
        int logCap = knobs.effectiveLogCap();
        if (logCap > 0) {
            log.add(new RecordedRequest(Instant.now(), request.method(), request.path(), request.rawQuery(),
                    request.params(), request.headers(), request.body(), disconnect ? 0 : response.status), logCap);
        }
        message.getHeaders().clear();
        if (disconnect) {
            dropConnection(http);
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status);
        response.headers.forEach(message::setHeader);
        // A Vert.x Buffer is written in one go; a byte[] would be pumped through an InputStream in small chunks.
        message.setBody(response.body == null ? null : Buffer.buffer(response.body));
    }

    private SandboxResponse answer(SandboxRequest request, HttpServerRequest http) {
        String authorization = http.getHeader("Authorization");
        if (authorization == null || knobs.refusingTokens() || !MessageDigest.isEqual(expectedAuthorization,
                authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            return SandboxResponse.error(401, authorization == null
                            ? "Missing Authorization header; send Authorization: Bearer <token> (the token from the dashboard's API settings)."
                            : "The bearer token is not valid; check the token from the dashboard's API settings.",
                    documentationUrl).header("WWW-Authenticate", "Bearer");
        }
        SandboxKnobs.RateDecision rate = knobs.admit(System.currentTimeMillis());
        if (rate != null && !rate.allowed()) {
            return rateLimitHeaders(tooManyRequests(rate.retryAfter()), rate);
        }
        return rateLimitHeaders(admitted(request), rate);
    }

    /** The answer to a request the rate limiter let through: a fault, if one is due, or the API's own. */
    private SandboxResponse admitted(SandboxRequest request) {
        FaultKind fault = knobs.nextFault(request.path(), request.relativePath());
        if (fault == FaultKind.STALL) {
            pause(knobs.stallMs());
        }
        if (fault == FaultKind.DISCONNECT) {
            throw new Disconnect();
        }
        if (fault == FaultKind.SERVER_ERROR) {
            return SandboxResponse.error(knobs.nextServerErrorStatus(),
                    "Injected server error: the sandbox was asked to fail this request.", documentationUrl);
        }
        if (fault == FaultKind.RATE_LIMITED) {
            return tooManyRequests(knobs.retryAfter(1000));
        }
        if (fault == FaultKind.MALFORMED_JSON) {
            return SandboxResponse.raw(200, MALFORMED_BODY);
        }
        SandboxResponse response;
        try {
            response = api.handle(request);
        } catch (ApiError error) {
            response = SandboxResponse.error(error.status(), error.getMessage(), documentationUrl);
            if (error.status() == 405) {
                response.header("Allow", error.getMessage().replaceAll(".*allowed: (.*)\\.$", "$1"));
            }
        }
        if (fault == FaultKind.TRUNCATED_JSON && response.body != null) {
            response.body = Arrays.copyOf(response.body, response.body.length / 2);
        }
        PageLie lie = knobs.pageLie(request.path(), request.relativePath());
        if (lie != null && response.status == 200 && request.method().equals("GET")) {
            response.body = PageLies.apply(lie, response.body, request);
        }
        return response;
    }

    private SandboxResponse tooManyRequests(String retryAfter) {
        return SandboxResponse.error(429, "Too many requests; retry after " + retryAfter
                + (retryAfter.chars().allMatch(Character::isDigit) ? " seconds." : "."), documentationUrl)
                .header("Retry-After", retryAfter);
    }

    /**
     * While a rate limit is on, every answer tells it: the limit, what is left of it, and when the window ends.
     * The header names are the API's (the product reads them in io.klinksync.api.RateLimitHeaders; RateLimitHeadersTest
     * checks the two agree).
     */
    private static SandboxResponse rateLimitHeaders(SandboxResponse response, SandboxKnobs.RateDecision rate) {
        if (rate != null) {
            response.header("X-RateLimit-Limit", Integer.toString(rate.limit()));
            response.header("X-RateLimit-Remaining", Integer.toString(rate.remaining()));
            // seconds with milliseconds: a one-second window in whole seconds would always say 1
            response.header("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", rate.resetMillis() / 1000.0));
        }
        return response;
    }

    /**
     * Closes the connection before Camel can answer on it: the close runs on the event loop, and a busy machine
     * once let the empty answer Camel writes after this processor go out first.
     */
    private static void dropConnection(HttpServerRequest http) {
        try {
            http.connection().close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closed or closing: nothing more to do for a dropped connection.
        }
    }

    private void pauseUntil(long nanoTime) {
        waitUnlessClosing(nanoTime - System.nanoTime());
    }

    private void pause(long millis) {
        waitUnlessClosing(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void waitUnlessClosing(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            closing.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SandboxRequest request(HttpServerRequest http, String body, boolean withHeaders) {
        String path = http.path() == null ? "/" : http.path();
        String relative = path.startsWith(basePath) ? path.substring(basePath.length()) : null;
        if (relative != null && !relative.isEmpty() && !relative.startsWith("/")) {
            relative = null;
        }
        if (relative != null && relative.length() > 1 && relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        String rawQuery = http.query() == null ? "" : http.query();
        Map<String, String> headers = new LinkedHashMap<>();
        // Headers only matter to the request log; a benchmark with the log off skips copying them.
        (withHeaders ? http.headers() : io.vertx.core.MultiMap.caseInsensitiveMultiMap()).forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("authorization")) {
                headers.merge(name, h.getValue(), (a, b) -> a + ", " + b);
            }
        });
        // A path outside the base path gets a name that matches no stream, so the API answers 404.
        return new SandboxRequest(http.method().name(), path, relative == null ? "\u0000" + path : relative, rawQuery,
                parseQuery(rawQuery), Map.copyOf(headers), body);
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray % is taken literally, as lenient servers do.
            return text;
        }
    }

    /** Thrown to drop the connection without an answer (FaultKind.DISCONNECT). */
    private static final class Disconnect extends RuntimeException {
        Disconnect() {
            super(null, null, false, false);
        }
    }
}
