package io.klinksync.api;

import io.klinksync.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What api.rate-limit means: auto, a number of requests per second, or 0 for no client-side limit. */
class ApiPaceTest {

    @Test
    void zeroSetsNoClientSideLimit() throws Exception {
        ApiPace pace = ApiPace.fromSetting("0");
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            pace.awaitTurn();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(200);
        assertThat(pace.currentRate()).isInfinite();
        assertThat(pace.limiting()).isFalse();
        assertThat(pace.describe()).isEqualTo("no client-side limit (api.rate-limit = 0)");
    }

    @Test
    void aNumberSpacesRequestsEvenlyAndSaysWhenItBounds() throws Exception {
        ApiPace pace = ApiPace.fromSetting("20");
        assertThat(pace.describe()).isEqualTo("api.rate-limit = 20/s, not reached");
        long start = System.nanoTime();
        for (int i = 0; i < 26; i++) {
            pace.awaitTurn();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("25 gaps of 50 ms").isBetween(1230L, 1600L);
        assertThat(pace.limiting()).isTrue();
        assertThat(pace.describe()).isEqualTo("limited by api.rate-limit = 20/s");
    }

    @Test
    void autoFollowsTheHeadersAndSaysSo() {
        ApiPace pace = ApiPace.fromSetting("auto");
        assertThat(pace.currentRate()).isEqualTo(AdaptiveRate.START_RATE);
        assertThat(pace.describe()).startsWith("auto: 5/s, no X-RateLimit headers seen");
        pace.onResponse(200, Map.of(RateLimitHeaders.LIMIT, "20", RateLimitHeaders.REMAINING, "19",
                RateLimitHeaders.RESET, "0.9"));
        assertThat(pace.describe()).isEqualTo("auto: 9.5/s, following the API's X-RateLimit headers (20 per 1 s)");
    }

    @Test
    void anythingElseIsRefusedInOneLine() {
        for (String wrong : new String[]{"fast", "-1", "", "Infinity"}) {
            assertThatThrownBy(() -> ApiPace.fromSetting(wrong)).isInstanceOf(ConfigurationException.class)
                    .hasMessage("Setting 'api.rate-limit' must be auto, 0 (no client-side limit) or requests per second,"
                            + " not '" + wrong + "'.");
        }
    }
}
