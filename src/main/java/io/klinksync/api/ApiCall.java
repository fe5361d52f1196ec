package io.klinksync.api;

/**
 * How any route or bean calls the API: send an exchange to {@link #ENDPOINT} with these exchange
 * properties set. The api route adds the token, applies the shared rate limit, retries 429 / 5xx /
 * dropped connections with backoff (Retry-After honoured within a cap), and leaves the parsed response as
 * a Jackson JsonNode body (getBody(String.class) gives its JSON text) with header CamelHttpResponseCode.
 * Routes that call it use routeConfigurationId api-retries. A request that still fails throws
 * {@link ApiException}.
 * Properties (not headers) carry the request so that a retried call always sends the same request.
 */
public final class ApiCall {

    public static final String ENDPOINT = "direct:api";

    /** GET, POST, PUT, PATCH or DELETE (default GET). */
    public static final String METHOD = "klink.api.method";
    /** Path below the profile's base URL, e.g. /contacts or /contacts/ID. */
    public static final String PATH = "klink.api.path";
    /** Raw query string without '?', e.g. page=2&amp;pageSize=100 (optional). */
    public static final String QUERY = "klink.api.query";
    /** JSON request body as a String (POST, PUT, PATCH). */
    public static final String BODY = "klink.api.body";

    /** When true, a 404 is an answer, not a failure: the body is then a missing node (a record that is gone). */
    public static final String NOT_FOUND_ANSWERS = "klink.api.not-found-answers";

    /** The stream a call serves, for log lines and metrics (optional). */
    public static final String STREAM = "klink.stream";

    private ApiCall() {
    }
}
