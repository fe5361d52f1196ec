package io.klinksync.sync;

import io.klinksync.testing.Serving;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness tells the truth: DOWN with the stream and the reason within one firing once the API refuses the
 * token, UP again after a good run; metrics exist at 0 from start-up; /observe/status agrees with sync_runs.
 */
class RunReadinessTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void readinessGoesDownWhenTheTokenIsRefusedAndUpAfterAGoodRun() throws Exception {
        int port = Serving.freePort();
        try (SyncFixture f = new SyncFixture("h2")) {
            Serving.NO_SCHEDULES.forEach(f::set);
            f.set("sync.contact_groups.cron", "0/2 * * * * ?").set("server.port", String.valueOf(port))
                    .set("import.inbox.enabled", "false");
            try (Serving run = Serving.prepare(f.settings(), SyncFixture.TOKEN).start()) {
                String base = "http://127.0.0.1:" + port + "/observe/";
                // Meters exist from start-up, before any run: 0, not absent.
                assertThat(get(base + "metrics").body()).contains("klink_records_total{stream=\"conversations\"} 0.0")
                        .contains("klink_runs_total{status=\"failed\",stream=\"contacts\"} 0.0")
                        .contains("klink_last_success_timestamp_seconds{stream=\"groups\"} 0.0");
                waitFor(base + "health/ready", r -> r.statusCode() == 200, 30);
                waitFor(base + "status", r -> r.body().contains("\"status\" : \"success\""), 30);

                f.sandbox.knobs().refuseTokens(true);
                long refusedAt = System.nanoTime();
                HttpResponse<String> down = waitFor(base + "health/ready", r -> r.statusCode() == 503, 10);
                long downAfterMs = (System.nanoTime() - refusedAt) / 1_000_000;
                assertThat(downAfterMs).as("DOWN within one firing and its run").isLessThan(6000);
                assertThat(down.body()).contains("stream-contact_groups").contains("refused the token");
                assertThat(get(base + "health/live").statusCode()).as("a refused token is no reason to restart").isEqualTo(200);
                String status = get(base + "status").body();
                assertThat(status).contains("\"status\" : \"failed\"").contains("\"ready\" : false");
                long failedId = f.count("SELECT MAX(id) FROM sync_runs WHERE status = 'failed'");
                assertThat(status).contains("\"id\" : " + failedId);

                f.sandbox.knobs().refuseTokens(false);
                HttpResponse<String> up = waitFor(base + "health/ready", r -> r.statusCode() == 200, 10);
                assertThat(up.body()).contains("UP");
            }
        }
    }

    private HttpResponse<String> waitFor(String url, Predicate<HttpResponse<String>> until, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        HttpResponse<String> last = get(url);
        while (!until.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = get(url);
        }
        assertThat(until.test(last)).as(url + " answered " + last.statusCode() + ": " + last.body()).isTrue();
        return last;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
