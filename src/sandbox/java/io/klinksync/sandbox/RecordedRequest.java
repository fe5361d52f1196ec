package io.klinksync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request the sandbox received and the status it answered, so tests assert what a client really sent.
 *
 * @param path        the full request path, e.g. /api/v1/contacts/ID
 * @param query       the raw query string without '?', empty when none
 * @param queryParams decoded query parameters, each with every value given
 * @param headers     request headers with lower-case names, without Authorization
 * @param body        the request body as text, empty when none
 */
public record RecordedRequest(Instant receivedAt, String method, String path, String query,
                              Map<String, List<String>> queryParams, Map<String, String> headers, String body,
                              int status) {

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A request header by name (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Path and query as sent, e.g. /api/v1/contacts?page=2. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
