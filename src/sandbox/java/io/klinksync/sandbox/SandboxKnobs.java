package io.klinksync.sandbox;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Behaviour of a running sandbox that tests, benchmarks and the CLI change at runtime: latency, a rate limit,
 * injected faults, lying list pages, records added and removed while a client pages, and the request log.
 */
public final class SandboxKnobs {

    /** Default for {@link #stallMs(long)}: longer than the client's default read timeout (api.read-timeout). */
    public static final long DEFAULT_STALL_MS = 35_000;
    /** Default for {@link #requestLogCap(int)}: enough for any test, bounded for benchmarks. */
    public static final int DEFAULT_REQUEST_LOG_CAP = 100_000;
    private static final long WINDOW_MS = 1000;

    private volatile long latencyMs;
    private volatile int rateLimit;
    private volatile boolean retryAfterAsHttpDate;
    private volatile int retryAfterSeconds;
    private volatile double faultRate;
    private volatile Set<FaultKind> faultKinds = EnumSet.of(FaultKind.SERVER_ERROR, FaultKind.MALFORMED_JSON,
            FaultKind.TRUNCATED_JSON);
    private volatile long stallMs = DEFAULT_STALL_MS;
    private volatile boolean recordRequests = true;
    private volatile int requestLogCap = DEFAULT_REQUEST_LOG_CAP;

    private volatile PageLiePlan pageLie;
    private final List<PendingFault> pendingFaults = new ArrayList<>();
    private final Map<String, Drift> drifts = new ConcurrentHashMap<>();
    private final Random random;
    private long windowStart;
    private int windowCount;
    private int serverErrorTurn;

    /** Records inserted and deleted at the front of a stream's list after each list page served. */
    public record Drift(int insertsPerPage, int deletesPerPage) {
    }

    /** A lie told by every list page whose path starts with pathPrefix (null: every list page). */
    private record PageLiePlan(PageLie lie, String pathPrefix) {
    }

    /** What the rate limiter decided for one request; resetMillis: until the current window ends. */
    record RateDecision(boolean allowed, int limit, int remaining, long resetMillis, String retryAfter) {
    }

    private static final class PendingFault {
        int healthy;
        int remaining;
        final FaultKind kind;
        final String pathPrefix;

        PendingFault(int healthy, int remaining, FaultKind kind, String pathPrefix) {
            this.healthy = healthy;
            this.remaining = remaining;
            this.kind = kind;
            this.pathPrefix = pathPrefix;
        }
    }

    SandboxKnobs(long seed) {
        this.random = new Random(seed);
    }

    private volatile boolean refuseTokens;

    /** While true, every request is answered 401, as when the token was revoked (no reset() clears it). */
    public SandboxKnobs refuseTokens(boolean refuse) {
        this.refuseTokens = refuse;
        return this;
    }

    public boolean refusingTokens() {
        return refuseTokens;
    }

    /** Response time of every request in milliseconds: its answer leaves this long after it arrived (0 = at once). */
    public SandboxKnobs latencyMs(long millis) {
        this.latencyMs = Math.max(0, millis);
        return this;
    }

    public long latencyMs() {
        return latencyMs;
    }

    /** Requests per second served before answering 429 (0 = no limit). */
    public SandboxKnobs rateLimit(int requestsPerSecond) {
        this.rateLimit = Math.max(0, requestsPerSecond);
        return this;
    }

    public int rateLimit() {
        return rateLimit;
    }

    /** Send Retry-After as an HTTP date instead of seconds. */
    public SandboxKnobs retryAfterAsHttpDate(boolean httpDate) {
        this.retryAfterAsHttpDate = httpDate;
        return this;
    }

    /** A fixed Retry-After in seconds (e.g. 3600 to test a client's cap); 0 = until the current second ends. */
    public SandboxKnobs retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = Math.max(0, seconds);
        return this;
    }

    /** Share of requests (0..1) answered with a random fault among {@link #faultKinds(FaultKind...)}. */
    public SandboxKnobs faultRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("A fault rate is between 0 and 1, not " + rate + ".");
        }
        this.faultRate = rate;
        return this;
    }

    public double faultRate() {
        return faultRate;
    }

    /** The kinds a random fault is chosen among (default SERVER_ERROR, MALFORMED_JSON, TRUNCATED_JSON). */
    public SandboxKnobs faultKinds(FaultKind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("Name at least one fault kind.");
        }
        this.faultKinds = EnumSet.copyOf(List.of(kinds));
        return this;
    }

    /** How long a STALL fault waits before answering. */
    public SandboxKnobs stallMs(long millis) {
        this.stallMs = Math.max(0, millis);
        return this;
    }

    public long stallMs() {
        return stallMs;
    }

    /** The next n authenticated requests fail with this fault. */
    public SandboxKnobs failNext(int n, FaultKind kind) {
        return failNext(n, kind, null);
    }

    /**
     * The next n authenticated requests whose path starts with pathPrefix fail with this fault. The prefix is
     * matched against the path below the base path (e.g. /contacts) and against the full path.
     */
    public SandboxKnobs failNext(int n, FaultKind kind, String pathPrefix) {
        return failAfter(0, n, kind, pathPrefix);
    }

    /**
     * The next {@code healthy} authenticated requests whose path starts with pathPrefix are answered normally,
     * the n after them fail with this fault: a server that breaks down in the middle of a walk.
     */
    public SandboxKnobs failAfter(int healthy, int n, FaultKind kind, String pathPrefix) {
        synchronized (pendingFaults) {
            pendingFaults.add(new PendingFault(Math.max(0, healthy), n, kind, pathPrefix));
        }
        return this;
    }

    /** While list pages of this stream are served, insert and delete records at the front after each page. */
    public SandboxKnobs mutateWhilePaging(String stream, int insertsPerPage, int deletesPerPage) {
        if (insertsPerPage <= 0 && deletesPerPage <= 0) {
            drifts.remove(stream);
        } else {
            drifts.put(stream, new Drift(Math.max(0, insertsPerPage), Math.max(0, deletesPerPage)));
        }
        return this;
    }

    public SandboxKnobs stopMutating() {
        drifts.clear();
        return this;
    }

    /**
     * Every list page whose path starts with pathPrefix (matched like {@link #failNext(int, FaultKind, String)};
     * null for every list page) tells this lie, until {@link #tellTheTruth()} or {@link #reset()}.
     */
    public SandboxKnobs lieInPages(PageLie lie, String pathPrefix) {
        this.pageLie = new PageLiePlan(lie, pathPrefix);
        return this;
    }

    public SandboxKnobs tellTheTruth() {
        this.pageLie = null;
        return this;
    }

    /** Keep a log of requests (switch off for huge benchmarks). */
    public SandboxKnobs recordRequests(boolean record) {
        this.recordRequests = record;
        return this;
    }

    /** Most requests kept in the log; older ones are dropped. */
    public SandboxKnobs requestLogCap(int cap) {
        this.requestLogCap = Math.max(0, cap);
        return this;
    }

    /** Back to a well-behaved server: no latency, limit, faults or drift (the request log settings stay). */
    public SandboxKnobs reset() {
        latencyMs = 0;
        rateLimit = 0;
        retryAfterAsHttpDate = false;
        retryAfterSeconds = 0;
        faultRate = 0;
        stallMs = DEFAULT_STALL_MS;
        synchronized (pendingFaults) {
            pendingFaults.clear();
        }
        drifts.clear();
        pageLie = null;
        return this;
    }

    int effectiveLogCap() {
        return recordRequests ? requestLogCap : 0;
    }

    Drift drift(String stream) {
        return drifts.get(stream);
    }

    synchronized RateDecision admit(long nowMillis) {
        int limit = rateLimit;
        if (limit <= 0) {
            return null;
        }
        if (nowMillis - windowStart >= WINDOW_MS) {
            windowStart = nowMillis;
            windowCount = 0;
        }
        windowCount++;
        boolean allowed = windowCount <= limit;
        long waitMs = windowStart + WINDOW_MS - nowMillis;
        return new RateDecision(allowed, limit, Math.max(0, limit - windowCount), Math.max(0, waitMs),
                allowed ? null : retryAfter(waitMs));
    }

    /** Retry-After for a 429: seconds (rounded up) or an HTTP date, per the knobs. */
    String retryAfter(long waitMs) {
        long seconds = retryAfterSeconds > 0 ? retryAfterSeconds : Math.max(1, (waitMs + 999) / 1000);
        if (retryAfterAsHttpDate) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).withNano(0));
        }
        return Long.toString(seconds);
    }

    /** The fault to apply to an authenticated request, or null. */
    FaultKind nextFault(String fullPath, String relativePath) {
        synchronized (pendingFaults) {
            Iterator<PendingFault> it = pendingFaults.iterator();
            while (it.hasNext()) {
                PendingFault pending = it.next();
                if (pending.remaining <= 0) {
                    it.remove();
                    continue;
                }
                if (pending.pathPrefix == null || relativePath.startsWith(pending.pathPrefix)
                        || fullPath.startsWith(pending.pathPrefix)) {
                    if (pending.healthy > 0) {
                        pending.healthy--;
                        return null;
                    }
                    if (--pending.remaining <= 0) {
                        it.remove();
                    }
                    return pending.kind;
                }
            }
        }
        double rate = faultRate;
        if (rate <= 0) {
            return null;
        }
        synchronized (random) {
            if (random.nextDouble() >= rate) {
                return null;
            }
            List<FaultKind> kinds = List.copyOf(faultKinds);
            return kinds.get(random.nextInt(kinds.size()));
        }
    }

    /** The lie a list page at this path tells, or null. */
    PageLie pageLie(String fullPath, String relativePath) {
        PageLiePlan plan = pageLie;
        if (plan == null) {
            return null;
        }
        boolean matches = plan.pathPrefix() == null || fullPath.startsWith(plan.pathPrefix())
                || (relativePath != null && relativePath.startsWith(plan.pathPrefix()));
        return matches ? plan.lie() : null;
    }

    /** 500, 502, 503 in turn, so a test of retries sees every usual server error. */
    synchronized int nextServerErrorStatus() {
        int[] statuses = {500, 502, 503};
        return statuses[serverErrorTurn++ % statuses.length];
    }
}
