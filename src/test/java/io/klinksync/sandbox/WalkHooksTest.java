package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hook that changes data at an exact point of a walk, and the single GETs that tell live from gone. */
class WalkHooksTest {

    private SandboxServer server;
    private SandboxClient client;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults().profile("klink").seedData(false).contacts(50).conversations(50));
        client = new SandboxClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDeleteOnAReadPageShiftsALiveContactOntoThatPage() {
        List<String> before = server.store().contacts().ids();
        String deleted = before.get(5);
        AtomicReference<String> created = new AtomicReference<>();
        server.walkHooks().afterListRequest("contacts", 2, api -> {
            api.delete("contacts", deleted);
            created.set(api.create("contacts"));
        });

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            seen.addAll(PagePaginationTest.ids(client.json("/contacts?page=" + page + "&pageSize=10")));
        }

        // The first record of page 3 moved onto page 2, read already: a walk by page numbers never sees it.
        String shifted = before.get(20);
        assertThat(seen).doesNotContain(shifted).contains(deleted).contains(created.get()).hasSize(50);
        assertThat(server.store().contacts().ids()).contains(shifted).doesNotContain(deleted).endsWith(created.get());
        assertThat(server.walkHooks().pending()).isZero();
        assertThat(server.walkHooks().listRequests("contacts")).isEqualTo(5);
    }

    @Test
    void actionsRunAfterTheNthListRequestCountedFromWhenTheyWereAdded() {
        client.json("/conversations?limit=10");
        List<String> before = server.store().conversations().ids();
        server.walkHooks().afterListRequest("conversations", 2, api -> api.update("conversations", before.get(0)));
        // Single GETs and other streams' lists do not count.
        client.json("/conversations/" + before.get(0));
        client.json("/contacts?page=1");
        client.json("/conversations?limit=10");
        assertThat(server.walkHooks().pending()).isEqualTo(1);
        JsonNode unchanged = server.store().conversations().get(before.get(0));
        client.json("/conversations?limit=10");
        assertThat(server.walkHooks().pending()).isZero();
        JsonNode changed = server.store().conversations().get(before.get(0));
        assertThat(changed.get("is_muted").asBoolean()).isNotEqualTo(unchanged.get("is_muted").asBoolean());
        assertThat(changed.get("last_active_at").asLong()).isGreaterThan(unchanged.get("last_active_at").asLong());
        assertThat(server.store().conversations().ids()).isEqualTo(before);
    }

    @Test
    void createdConversationsComeLastAndACursorWalkSeesThem() {
        List<String> before = server.store().conversations().ids();
        AtomicReference<String> created = new AtomicReference<>();
        server.walkHooks().afterListRequest("conversations", 1, api -> {
            api.delete("conversations", before.get(30));
            created.set(api.create("conversations"));
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more;
        do {
            JsonNode page = client.json("/conversations?limit=10" + (cursor == null ? "" : "&starting_after=" + cursor));
            page.get("data").forEach(c -> seen.add(c.get("id").asText()));
            more = page.get("has_more").asBoolean();
            cursor = seen.get(seen.size() - 1);
        } while (more);
        Set<String> expected = new HashSet<>(before);
        expected.remove(before.get(30));
        expected.add(created.get());
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected).endsWith(created.get());
    }

    @Test
    void aDeletedContactAnswers404AndALiveOneItsWrappedRecord() {
        String live = server.store().contacts().ids().get(0);
        String gone = server.store().contacts().ids().get(1);
        server.walkHooks().mutations().delete("contacts", gone);

        JsonNode wrapped = client.json("/contacts/" + live);
        assertThat(wrapped.get("status").asText()).isEqualTo("success");
        assertThat(wrapped.get("data")).isEqualTo(server.store().contacts().get(live));
        HttpResponse<String> missing = client.get("/contacts/" + gone);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(SandboxClient.parse(missing).get("type").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aDeletedConversationAnswers404AndALiveOneItsBareRecord() {
        String live = server.store().conversations().ids().get(0);
        String gone = server.store().conversations().ids().get(1);
        server.walkHooks().mutations().delete("conversations", gone);

        assertThat(client.json("/conversations/" + live)).isEqualTo(server.store().conversations().get(live));
        HttpResponse<String> missing = client.get("/conversations/" + gone);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(SandboxClient.parse(missing).get("message").asText()).contains(gone);
    }

    @Test
    void onlyContactsAndConversationsCanBeMutated() {
        assertThatThrownBy(() -> server.walkHooks().mutations().create("groups"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contacts and conversations");
    }
}
