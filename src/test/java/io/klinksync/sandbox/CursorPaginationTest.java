package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CursorPaginationTest {

    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().profile("klink").conversations(57).groups(13));
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void walkingWithStartingAfterVisitsEveryConversationOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        boolean more;
        do {
            JsonNode page = client.json("/conversations?limit=20" + (cursor == null ? "" : "&starting_after=" + cursor));
            page.get("data").forEach(c -> seen.add(c.get("id").asText()));
            more = page.get("has_more").asBoolean();
            cursor = seen.get(seen.size() - 1);
            pages++;
        } while (more);
        assertThat(seen).hasSize(65).doesNotHaveDuplicates().containsExactlyElementsOf(server.store().conversations().ids());
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void limitDefaultsToTenAndGoesUpToAHundred() {
        JsonNode firstPage = client.json("/conversations");
        assertThat(firstPage.get("data")).hasSize(10);
        assertThat(firstPage.get("has_more").asBoolean()).isTrue();
        assertThat(firstPage.get("data").get(0).get("id").asText()).isEqualTo("xgQQXg3hrtjh7AvZ");

        JsonNode clamped = client.json("/conversations?limit=500");
        assertThat(clamped.get("data")).hasSize(65);
        assertThat(clamped.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void limitAboveTheMaximumAnswersAtMostAHundred() throws Exception {
        try (SandboxServer big = SandboxServer.start(SandboxOptions.defaults().profile("klink").seedData(false)
                .conversations(150))) {
            JsonNode page = new SandboxClient(big).json("/conversations?limit=1000");
            assertThat(page.get("data")).hasSize(100);
            assertThat(page.get("has_more").asBoolean()).isTrue();
        }
    }

    @Test
    void endingBeforeAnswersThePreviousPageInListOrder() {
        List<String> ids = server.store().conversations().ids();
        JsonNode page = client.json("/conversations?limit=5&ending_before=" + ids.get(12));
        assertThat(page.get("data").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(7, 12));
        assertThat(page.get("has_more").asBoolean()).isTrue();

        JsonNode first = client.json("/conversations?limit=5&ending_before=" + ids.get(3));
        assertThat(first.get("data").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(first.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void theLastPageSaysHasMoreFalse() {
        List<String> ids = server.store().conversations().ids();
        JsonNode page = client.json("/conversations?limit=10&starting_after=" + ids.get(59));
        assertThat(page.get("data")).hasSize(5);
        assertThat(page.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void anUnknownCursorIdIsABadRequestWithTheErrorBody() {
        var response = client.get("/conversations?starting_after=doesNotExist0000");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SandboxClient.parse(response);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).contains("doesNotExist0000");
        assertThat(error.get("documentation_url").asText()).startsWith("https://");
    }

    @Test
    void invalidLimitsAreBadRequests() {
        assertThat(client.get("/conversations?limit=0").statusCode()).isEqualTo(400);
        assertThat(client.get("/conversations?limit=ten").statusCode()).isEqualTo(400);
        assertThat(client.get("/conversations?starting_after=xgQQXg3hrtjh7AvZ&ending_before=hSIhXBhNe8X1d8Et")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void conversationFiltersSelectMutedArchivedPinnedAndGroup() {
        JsonNode muted = client.json("/conversations?limit=100&muted=true");
        assertThat(muted.get("data")).isNotEmpty().allSatisfy(c -> assertThat(c.get("is_muted").asBoolean()).isTrue());
        JsonNode notMuted = client.json("/conversations?limit=100&muted=false");
        assertThat(muted.get("data").size() + notMuted.get("data").size()).isEqualTo(65);

        JsonNode archived = client.json("/conversations?limit=100&archived=true");
        assertThat(archived.get("data")).isNotEmpty().allSatisfy(c -> assertThat(c.get("archived_at").isNull()).isFalse());
        JsonNode pinned = client.json("/conversations?limit=100&pinned=true");
        assertThat(pinned.get("data")).isNotEmpty().allSatisfy(c -> assertThat(c.get("is_pinned").asBoolean()).isTrue());

        JsonNode plaza = client.json("/conversations?group_id=l7cGNIBKZiNJ6wqF");
        assertThat(plaza.get("data").findValuesAsText("id")).containsExactly("ZYjVAbCE9g5XRlra");
        assertThat(client.get("/conversations?muted=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void filteredPagesFollowTheCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more;
        do {
            JsonNode page = client.json("/conversations?limit=3&muted=true" + (cursor == null ? "" : "&starting_after=" + cursor));
            page.get("data").forEach(c -> seen.add(c.get("id").asText()));
            more = page.get("has_more").asBoolean();
            cursor = seen.isEmpty() ? null : seen.get(seen.size() - 1);
        } while (more);
        assertThat(seen).doesNotHaveDuplicates()
                .hasSize(client.json("/conversations?limit=100&muted=true").get("data").size());
    }

    @Test
    void groupsPageWithCursorsAndFilterOnArchived() {
        JsonNode all = client.json("/groups?limit=100");
        assertThat(all.get("data")).hasSize(17);
        assertThat(all.get("data").get(0).get("name").asText()).isEqualTo("Plaza Hotel");
        JsonNode archived = client.json("/groups?limit=100&archived=true");
        assertThat(archived.get("data")).isNotEmpty()
                .allSatisfy(g -> assertThat(g.get("archived_at").isNull()).isFalse());
        JsonNode active = client.json("/groups?limit=100&archived=false");
        assertThat(archived.get("data").size() + active.get("data").size()).isEqualTo(17);
        JsonNode second = client.json("/groups?limit=2&starting_after=l7cGNIBKZiNJ6wqF");
        assertThat(second.get("data").get(0).get("id").asText()).isEqualTo("hSIhXBhNe8X1d8Et");
    }
}
