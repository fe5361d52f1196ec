package io.klinksync.api;

import io.klinksync.config.ConfigurationException;

import java.util.Map;

/**
 * How fast the process lets requests go to the API (api.rate-limit): every request waits its turn here before
 * it is sent, and the answer is shown to it after. The progress display asks it whether the client-side limit is
 * what bounds the run right now, and at what rate.
 */
public interface ApiPace {

    /** Requests per second the client allows now; infinite when it sets no limit. */
    double currentRate();

    /** True while requests wait for the pace, i.e. the client-side limit, not the API or the work, bounds the run. */
    boolean limiting();

    /** One line for people, e.g. "limited by api.rate-limit = 25/s". */
    String describe();

    /** What a progress bar says of the pace, short: e.g. "limited by api.rate-limit = 25/s", while it bounds the run. */
    default String whenLimiting() {
        return limiting() ? "limited by api.rate-limit = " + setting() : "";
    }

    /** The setting and, where it moves, the rate now: "25/s", "auto, 18.7/s". */
    String setting();

    /** Holds the calling request until its turn. */
    void awaitTurn() throws InterruptedException;

    /** Learns from an answer's status and headers (header names as the HTTP layer gives them). */
    void onResponse(int status, Map<String, ?> headers);

    /** The pace api.rate-limit asks for: "auto", 0 (no client-side limit) or requests per second. */
    static ApiPace fromSetting(String value) {
        String setting = value == null ? "" : value.trim();
        if (setting.equalsIgnoreCase(AdaptivePace.SETTING)) {
            return new AdaptivePace(new AdaptiveRate(System::currentTimeMillis), new Pacer(System::nanoTime));
        }
        double rate;
        try {
            rate = Double.parseDouble(setting);
        } catch (NumberFormatException e) {
            rate = -1;
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new ConfigurationException("Setting 'api.rate-limit' must be auto, 0 (no client-side limit) or requests"
                    + " per second, not '" + setting + "'.");
        }
        return rate == 0 ? new UnlimitedPace() : new FixedPace(rate, new Pacer(System::nanoTime));
    }
}
