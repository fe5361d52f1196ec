package io.klinksync.api;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** api.rate-limit=auto: requests paced at the rate {@link AdaptiveRate} learns from the API's answers. */
final class AdaptivePace implements ApiPace {

    static final String SETTING = "auto";

    /**
     * The number of the request this thread sent last: the api route sends and reads the answer on one thread,
     * so the answer is matched to its request without the pace knowing about exchanges.
     */
    private static final ThreadLocal<Long> REQUEST_NUMBER = ThreadLocal.withInitial(() -> 0L);

    private final AdaptiveRate rate;
    private final Pacer pacer;

    AdaptivePace(AdaptiveRate rate, Pacer pacer) {
        this.rate = rate;
        this.pacer = pacer;
    }

    @Override
    public double currentRate() {
        return rate.rate();
    }

    @Override
    public boolean limiting() {
        return pacer.saturated();
    }

    @Override
    public String setting() {
        return "auto, " + ratePerSecond();
    }

    @Override
    public String describe() {
        long hold = rate.holdMillis();
        if (hold > 0) {
            return "auto: waiting " + hold + " ms for the API's rate window to reset (X-RateLimit-Remaining 0)";
        }
        String now = "auto: " + ratePerSecond();
        return rate.hasCeiling()
                ? now + ", following the API's X-RateLimit headers (" + rate.advertised() + ")"
                : now + ", no X-RateLimit headers seen: rising until a 429 halves it";
    }

    /** The rate now, to a tenth: "18.7/s". */
    private String ratePerSecond() {
        return FixedPace.perSecond(Math.round(rate.rate() * 10) / 10.0);
    }

    @Override
    public void awaitTurn() throws InterruptedException {
        long number;
        long hold = rate.holdMillis();
        do {
            pacer.awaitSlot(rate.rate(), TimeUnit.MILLISECONDS.toNanos(hold));
            number = rate.admit();
            hold = -number;
        } while (number < 0);
        REQUEST_NUMBER.set(number);
    }

    @Override
    public void onResponse(int status, Map<String, ?> headers) {
        rate.onResponse(status, headers, pacer.saturated(), REQUEST_NUMBER.get());
    }
}
