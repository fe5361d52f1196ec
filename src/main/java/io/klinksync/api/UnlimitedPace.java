package io.klinksync.api;

import java.util.Map;

/** api.rate-limit=0: the client sets no limit of its own; only the API's 429s (RateLimitPause) slow it down. */
final class UnlimitedPace implements ApiPace {

    @Override
    public double currentRate() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean limiting() {
        return false;
    }

    @Override
    public String setting() {
        return "0";
    }

    @Override
    public String describe() {
        return "no client-side limit (api.rate-limit = 0)";
    }

    @Override
    public void awaitTurn() {
    }

    @Override
    public void onResponse(int status, Map<String, ?> headers) {
    }
}
