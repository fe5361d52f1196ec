package io.klinksync.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerLifecycleTest {

    @Test
    void aTakenPortIsReportedWithTheFix() {
        try (SandboxServer first = SandboxServer.start(SandboxOptions.defaults().profile("klink"))) {
            assertThatThrownBy(() -> SandboxServer.start(SandboxOptions.defaults().profile("klink").port(first.port())))
                    .hasMessageContaining(Integer.toString(first.port()))
                    .hasMessageContaining("--port 0");
            assertThat(new SandboxClient(first).get("/contacts").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closingFreesThePortAndReleasesStalledRequests() throws Exception {
        SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"));
        int port = server.port();
        server.knobs().stallMs(600_000).failNext(1, FaultKind.STALL);
        var stalled = java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/conversations"))
                .header("Authorization", "Bearer " + server.token()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        server.close();
        // Answered or cut off: either way the ten-minute stall did not hold the close.
        assertThat(stalled.handle((response, error) -> true).get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try (SandboxServer again = SandboxServer.start(SandboxOptions.defaults().profile("klink").port(port))) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
