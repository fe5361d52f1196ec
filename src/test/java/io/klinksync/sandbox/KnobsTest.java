package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnobsTest {

    private SandboxServer server;
    private SandboxClient client;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults().profile("klink").contacts(40).conversations(40));
        client = new SandboxClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRateLimitAnswers429WithRetryAfterAndRateLimitHeaders() {
        server.knobs().rateLimit(3);
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(client.get("/conversations"));
        }
        assertThat(responses.get(0).statusCode()).isEqualTo(200);
        assertThat(responses.get(0).headers().firstValue("X-RateLimit-Limit")).contains("3");
        assertThat(responses.get(0).headers().firstValue("X-RateLimit-Remaining")).contains("2");
        HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(SandboxClient.parse(limited).get("type").asText()).isEqualTo("invalid_request");
    }

    @Test
    void retryAfterCanBeAnHttpDateOrAFixedNumberOfSeconds() {
        server.knobs().retryAfterAsHttpDate(true).failNext(1, FaultKind.RATE_LIMITED);
        HttpResponse<String> dated = client.get("/contacts");
        assertThat(dated.statusCode()).isEqualTo(429);
        ZonedDateTime when = ZonedDateTime.parse(dated.headers().firstValue("Retry-After").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(when).isAfter(ZonedDateTime.now().minusSeconds(5));

        server.knobs().retryAfterAsHttpDate(false).retryAfterSeconds(3600).failNext(1, FaultKind.RATE_LIMITED);
        assertThat(client.get("/contacts").headers().firstValue("Retry-After")).contains("3600");
        assertThat(client.get("/contacts").statusCode()).isEqualTo(200);
    }

    @Test
    void failNextAnswersServerErrorsInTurnThenRecovers() {
        server.knobs().failNext(3, FaultKind.SERVER_ERROR);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(client.get("/conversations").statusCode());
        }
        assertThat(statuses).containsExactly(500, 502, 503, 200);
        server.knobs().failNext(1, FaultKind.SERVER_ERROR);
        JsonNode error = SandboxClient.parse(client.get("/conversations"));
        assertThat(error.get("type").asText()).isEqualTo("api_error");
    }

    @Test
    void failNextWithAPathPrefixOnlyHitsThatPath() {
        server.knobs().failNext(1, FaultKind.SERVER_ERROR, "/contacts");
        assertThat(client.get("/conversations").statusCode()).isEqualTo(200);
        assertThat(client.get("/contacts?page=2").statusCode()).isEqualTo(500);
        assertThat(client.get("/contacts?page=2").statusCode()).isEqualTo(200);
    }

    @Test
    void failAfterAnswersSomeRequestsWellThenFails() {
        server.knobs().failAfter(2, 2, FaultKind.SERVER_ERROR, "/conversations");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(client.get("/conversations").statusCode());
        }
        assertThat(client.get("/contacts").statusCode()).isEqualTo(200);
        assertThat(statuses).containsExactly(200, 200, 500, 502, 200);
    }

    @Test
    void faultsComeAfterAuthentication() {
        server.knobs().failNext(1, FaultKind.SERVER_ERROR);
        assertThat(client.withToken("wrong").get("/conversations").statusCode()).isEqualTo(401);
        assertThat(client.get("/conversations").statusCode()).isEqualTo(500);
    }

    @Test
    void malformedAndTruncatedJsonAreServedWithStatus200() {
        server.knobs().failNext(1, FaultKind.MALFORMED_JSON).failNext(1, FaultKind.TRUNCATED_JSON);
        HttpResponse<String> malformed = client.get("/contacts");
        HttpResponse<String> truncated = client.get("/contacts");
        String whole = client.get("/contacts").body();
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> SandboxClient.JSON.readTree(malformed.body())).isInstanceOf(IOException.class);
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(whole).startsWith(truncated.body());
        assertThat(truncated.body().length()).isLessThan(whole.length());
        assertThatThrownBy(() -> SandboxClient.JSON.readTree(truncated.body())).isInstanceOf(IOException.class);
    }

    @Test
    void aStallOutlastsTheClientsReadTimeout() throws Exception {
        server.knobs().stallMs(5_000).failNext(1, FaultKind.STALL);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/conversations"))
                .timeout(Duration.ofMillis(300)).header("Authorization", "Bearer " + server.token()).build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(client.get("/conversations").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisconnectDropsTheConnectionWithoutAnAnswer() {
        server.knobs().failNext(1, FaultKind.DISCONNECT);
        // POST, because java.net.http retries an idempotent GET once on a dropped connection.
        assertThatThrownBy(() -> client.post("/conversations", "{\"contact_id\":\"WAz8eIbvDR60rouK\"}"))
                .hasCauseInstanceOf(IOException.class);
        assertThat(server.requests()).extracting(RecordedRequest::status).containsExactly(0);
        assertThat(client.get("/conversations").statusCode()).isEqualTo(200);
    }

    @Test
    void aFaultRateOfOneFailsEveryRequestWithTheChosenKinds() {
        server.knobs().faultKinds(FaultKind.SERVER_ERROR).faultRate(1.0);
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/conversations").statusCode()).isBetween(500, 503);
        }
        server.knobs().faultRate(0);
        assertThat(client.get("/conversations").statusCode()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        server.knobs().latencyMs(300);
        long start = System.nanoTime();
        assertThat(client.get("/conversations").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(server.knobs().reset().latencyMs()).isZero();
    }

    @Test
    void insertsWhilePagingMakePageNumbersRepeatRecords() {
        server.knobs().mutateWhilePaging("contacts", 3, 0);
        List<String> seen = walkContactPages();
        assertThat(new HashSet<>(seen)).hasSizeLessThan(seen.size());
        assertThat(server.store().contacts().count()).isGreaterThan(68);
    }

    @Test
    void deletesWhilePagingMakePageNumbersSkipRecords() {
        List<String> before = server.store().contacts().ids();
        server.knobs().mutateWhilePaging("contacts", 0, 3);
        Set<String> seen = new HashSet<>(walkContactPages());
        Set<String> deleted = new HashSet<>(before);
        deleted.removeAll(server.store().contacts().ids());
        Set<String> skipped = new HashSet<>(before);
        skipped.removeAll(seen);
        assertThat(skipped).isNotEmpty();
        assertThat(deleted).isNotEmpty();
    }

    @Test
    void cursorWalksStayCompleteWhileRecordsAreInsertedAtTheFront() {
        List<String> before = server.store().conversations().ids();
        server.knobs().mutateWhilePaging("conversations", 3, 1);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more;
        do {
            JsonNode page = client.json("/conversations?limit=10" + (cursor == null ? "" : "&starting_after=" + cursor));
            page.get("data").forEach(c -> seen.add(c.get("id").asText()));
            more = page.get("has_more").asBoolean();
            cursor = seen.get(seen.size() - 1);
        } while (more);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(before);
        assertThat(server.store().conversations().count()).isGreaterThan(before.size());
    }

    private List<String> walkContactPages() {
        JsonNode first = client.json("/contacts?page=1&pageSize=10");
        int lastPage = first.get("lastPage").asInt();
        List<String> seen = new ArrayList<>(PagePaginationTest.ids(first));
        for (int page = 2; page <= lastPage; page++) {
            seen.addAll(PagePaginationTest.ids(client.json("/contacts?page=" + page + "&pageSize=10")));
        }
        return seen;
    }
}
