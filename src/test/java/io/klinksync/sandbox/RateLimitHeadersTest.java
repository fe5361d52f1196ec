package io.klinksync.sandbox;

import io.klinksync.api.RateLimitHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rate-limited sandbox tells its limit, what is left and when its window ends on every answer, 429s included. */
class RateLimitHeadersTest {

    private SandboxServer server;
    private SandboxClient client;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults().profile("klink").contacts(40));
        client = new SandboxClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAnswerCarriesLimitRemainingAndResetAndA429CarriesRetryAfter() {
        server.knobs().rateLimit(3).failAfter(1, 1, FaultKind.SERVER_ERROR, null);
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(client.get("/contacts"));
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 500, 200, 429, 429);
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue(RateLimitHeaders.LIMIT)).contains("3");
            double reset = Double.parseDouble(response.headers().firstValue(RateLimitHeaders.RESET).orElseThrow());
            assertThat(reset).as("seconds until the one-second window ends").isBetween(0.0, 1.0);
        }
        assertThat(responses).extracting(r -> r.headers().firstValue(RateLimitHeaders.REMAINING).orElseThrow())
                .containsExactly("2", "1", "0", "0", "0");
        assertThat(responses.get(3).headers().firstValue(RateLimitHeaders.RETRY_AFTER)).isPresent();
        assertThat(responses.get(0).headers().firstValue(RateLimitHeaders.RETRY_AFTER)).isEmpty();
    }

    @Test
    void withoutARateLimitNoRateLimitHeadersAreSent() {
        HttpResponse<String> response = client.get("/contacts");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(RateLimitHeaders.LIMIT)).isEmpty();
        assertThat(response.headers().firstValue(RateLimitHeaders.RESET)).isEmpty();
    }
}
