package io.klinksync.sandbox;

/** Ways the sandbox can misbehave on purpose, to exercise a client's retry and error handling. */
public enum FaultKind {
    /** An api_error answer with status 500, 502 or 503 (in turn). */
    SERVER_ERROR,
    /** 429 with Retry-After and X-RateLimit-* headers, as if the rate limit was hit. */
    RATE_LIMITED,
    /** Status 200 with a body that is not JSON at all. */
    MALFORMED_JSON,
    /** Status 200 with the real answer cut in half (complete HTTP response, incomplete JSON). */
    TRUNCATED_JSON,
    /** Waits longer than a client's read timeout before answering normally. */
    STALL,
    /** Closes the connection without answering. */
    DISCONNECT
}
