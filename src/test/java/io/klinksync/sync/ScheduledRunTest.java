package io.klinksync.sync;

import io.klinksync.testing.Serving;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `klink-sync run`: streams sync on their cron, never overlap, and health and metrics are served. */
class ScheduledRunTest {

    @Test
    void streamsRunOnScheduleWithoutOverlapAndServeHealthAndMetrics() throws Exception {
        int port = Serving.freePort();
        try (SyncFixture f = new SyncFixture("h2")) {
            // Every second, while one pass takes longer than that: Quartz must not start a second one meanwhile.
            f.sandbox.knobs().latencyMs(400);
            Serving.NO_SCHEDULES.forEach(f::set);
            f.set("sync.contacts.cron", "0/1 * * * * ?").set("sync.page-size", "10").set("server.port", String.valueOf(port));
            try (Serving run = Serving.prepare(f.settings(), SyncFixture.TOKEN)) {
                NotifyBuilder twoPasses = new NotifyBuilder(run.runtime().context()).fromRoute("schedule-contacts").whenCompleted(2).create();
                run.start();
                assertThat(twoPasses.matches(60, TimeUnit.SECONDS)).isTrue();

                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("UP");
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("klink_records_total{stream=\"contacts\"}")
                        .contains("klink_pages_total{stream=\"contacts\"}")
                        .contains("klink_last_success_timestamp_seconds{stream=\"contacts\"}");
            }

            List<Instant[]> runs = new ArrayList<>();
            try (Connection c = f.database.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT started_at, ended_at, stream, status FROM sync_runs ORDER BY started_at")) {
                while (rs.next()) {
                    assertThat(rs.getString("stream")).isEqualTo("contacts");
                    if (rs.getObject("ended_at") != null) {
                        runs.add(new Instant[]{SyncFixture.instant(rs.getObject("started_at")), SyncFixture.instant(rs.getObject("ended_at"))});
                    }
                }
            }
            assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i)[0]).as("run %d starts after run %d ended", i, i - 1).isAfterOrEqualTo(runs.get(i - 1)[1]);
            }
        }
    }
}
