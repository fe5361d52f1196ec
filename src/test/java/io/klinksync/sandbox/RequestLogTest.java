package io.klinksync.sandbox;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {

    @AutoClose
    private final SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"));
    private final SandboxClient client = new SandboxClient(server);

    @Test
    void everyRequestIsRecordedWithItsAnswerAndWithoutTheToken() {
        client.get("/contacts?page=2&pageSize=5&keyword=Kyaw%20Kyaw");
        client.put("/contacts/eefdaf75-ed19-4291-8e47-913f1205d02d", "{\"name\":\"A\",\"specific_update_fields\":[\"name\"]}");
        client.withToken(null).get("/groups");

        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(3);
        RecordedRequest list = requests.get(0);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path()).isEqualTo("/api/v1/contacts");
        assertThat(list.query()).isEqualTo("page=2&pageSize=5&keyword=Kyaw%20Kyaw");
        assertThat(list.queryParam("keyword")).isEqualTo("Kyaw Kyaw");
        assertThat(list.queryParam("pageSize")).isEqualTo("5");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.headers()).doesNotContainKey("authorization");
        assertThat(list.headers().toString()).doesNotContain(server.token());

        RecordedRequest put = requests.get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.body()).contains("specific_update_fields");
        assertThat(put.header("Content-Type")).isEqualTo("application/json");
        assertThat(requests.get(2).status()).isEqualTo(401);
    }

    @Test
    void clearRequestsEmptiesTheLog() {
        client.get("/conversations");
        server.clearRequests();
        assertThat(server.requests()).isEmpty();
        client.get("/groups");
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/api/v1/groups");
    }

    @Test
    void theLogCanBeCappedOrSwitchedOff() {
        server.knobs().requestLogCap(2);
        client.get("/conversations");
        client.get("/groups");
        client.get("/contacts");
        assertThat(server.requests()).extracting(RecordedRequest::path)
                .containsExactly("/api/v1/groups", "/api/v1/contacts");
        server.clearRequests();
        server.knobs().recordRequests(false);
        client.get("/contacts");
        assertThat(server.requests()).isEmpty();
    }
}
