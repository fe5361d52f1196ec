package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AuthAndProfilesTest {

    @Test
    void requestsWithoutTheTokenAreUnauthorized() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"))) {
            HttpResponse<String> missing = new SandboxClient(server).withToken(null).get("/contacts");
            assertThat(missing.statusCode()).isEqualTo(401);
            JsonNode error = SandboxClient.parse(missing);
            assertThat(error.get("type").asText()).isEqualTo("invalid_request");
            assertThat(error.get("message").asText()).contains("Authorization");
            assertThat(error.get("documentation_url").asText()).startsWith("https://");
            assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void aWrongTokenIsUnauthorizedAndNeverEchoed() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink").token("right-one"))) {
            HttpResponse<String> wrong = new SandboxClient(server).withToken("wrong-one").get("/conversations");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("wrong-one").doesNotContain("right-one");
            assertThat(new SandboxClient(server).get("/conversations").statusCode()).isEqualTo(200);
            assertThat(server.token()).isEqualTo("right-one");
        }
    }

    @Test
    void unknownEndpointsAreNotFoundWithTheErrorBody() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"))) {
            SandboxClient client = new SandboxClient(server);
            HttpResponse<String> response = client.get("/messages");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(SandboxClient.parse(response).get("type").asText()).isEqualTo("invalid_request");
            assertThat(client.get("/contacts/groups/7b03581e-78d1-47fa-aaf0-8f5b3733a803").statusCode()).isEqualTo(404);
            assertThat(client.send("DELETE", "/conversations", null).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void klinkServesEveryStreamUnderApiV1() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"))) {
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/api/v1");
            SandboxClient client = new SandboxClient(server);
            for (String path : new String[]{"/conversations", "/groups", "/contacts", "/contacts/groups", "/contacts/fields"}) {
                assertThat(client.get(path).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void clarityServesConversationsOnlyUnderV1() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("clarity"))) {
            assertThat(server.baseUrl()).endsWith(":" + server.port() + "/v1");
            SandboxClient client = new SandboxClient(server);
            assertThat(client.json("/conversations").get("data").get(0).get("id").asText()).isEqualTo("xgQQXg3hrtjh7AvZ");
            assertThat(client.get("/contacts").statusCode()).isEqualTo(404);
            assertThat(client.get("/groups").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void oblicServesConversationsOnlyUnderExternal() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("oblic"))) {
            assertThat(server.baseUrl()).endsWith("/external");
            SandboxClient client = new SandboxClient(server);
            assertThat(client.get("/conversations/xgQQXg3hrtjh7AvZ").statusCode()).isEqualTo(200);
            assertThat(client.get("/contacts/fields").statusCode()).isEqualTo(404);
        }
    }
}
