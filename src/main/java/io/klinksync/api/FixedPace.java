package io.klinksync.api;

import java.util.Locale;
import java.util.Map;

/** A number in api.rate-limit: that many requests per second, evenly spaced, whatever the API says. */
final class FixedPace implements ApiPace {

    private final double rate;
    private final Pacer pacer;

    FixedPace(double rate, Pacer pacer) {
        this.rate = rate;
        this.pacer = pacer;
    }

    @Override
    public double currentRate() {
        return rate;
    }

    @Override
    public boolean limiting() {
        return pacer.saturated();
    }

    @Override
    public String setting() {
        return perSecond(rate);
    }

    @Override
    public String describe() {
        return limiting() ? whenLimiting() : "api.rate-limit = " + setting() + ", not reached";
    }

    @Override
    public void awaitTurn() throws InterruptedException {
        pacer.awaitSlot(rate, 0);
    }

    /** "25/s", or "2.5/s" for a rate that is not whole. */
    static String perSecond(double rate) {
        return (rate == Math.rint(rate) ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.1f", rate)) + "/s";
    }

    @Override
    public void onResponse(int status, Map<String, ?> headers) {
    }
}
