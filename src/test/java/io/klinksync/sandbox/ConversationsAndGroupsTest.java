package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationsAndGroupsTest {

    @AutoClose
    private final SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"));
    private final SandboxClient client = new SandboxClient(server);

    @Test
    void retrieveAnswersTheDocumentedConversationUnwrapped() {
        assertThat(client.json("/conversations/xgQQXg3hrtjh7AvZ").toString()).isEqualTo("{\"id\":\"xgQQXg3hrtjh7AvZ\","
                + "\"contact_id\":\"WAz8eIbvDR60rouK\",\"group_id\":null,\"pinned_message_id\":null,\"is_pinned\":false,"
                + "\"is_muted\":false,\"last_active_at\":705103200,\"last_opened_at\":705103200,\"created_at\":692233200,"
                + "\"archived_at\":null}");
    }

    @Test
    void createConversationAnswersTheNewConversation() {
        HttpResponse<String> response = client.post("/conversations", "{\"contact_id\": \"WAz8eIbvDR60rouK\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = SandboxClient.parse(response);
        assertThat(created.fieldNames()).toIterable().containsExactly("id", "contact_id", "group_id", "pinned_message_id",
                "is_pinned", "is_muted", "last_active_at", "last_opened_at", "created_at", "archived_at");
        assertThat(created.get("id").asText()).hasSize(16);
        assertThat(created.get("contact_id").asText()).isEqualTo("WAz8eIbvDR60rouK");
        assertThat(created.get("last_active_at").isNull()).isTrue();
        assertThat(created.get("created_at").isIntegralNumber()).isTrue();
        assertThat(created.get("created_at").asLong()).isLessThan(10_000_000_000L);
        assertThat(server.store().conversations().get(created.get("id").asText())).isEqualTo(created);
        assertThat(client.post("/conversations", "{}").statusCode()).isEqualTo(422);
        assertThat(client.post("/conversations", "{\"contact_id\": 12}").statusCode()).isEqualTo(422);
    }

    @Test
    void putUpdatesOnlyTheFieldsInTheBody() {
        HttpResponse<String> response = client.put("/conversations/xgQQXg3hrtjh7AvZ", "{\"is_muted\": true}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode updated = SandboxClient.parse(response);
        assertThat(updated.get("is_muted").asBoolean()).isTrue();
        assertThat(updated.get("last_active_at").asLong()).isEqualTo(705103200);
        assertThat(server.store().conversations().get("xgQQXg3hrtjh7AvZ").get("is_muted").asBoolean()).isTrue();
        assertThat(client.put("/conversations/xgQQXg3hrtjh7AvZ", "{\"is_muted\": \"yes\"}").statusCode()).isEqualTo(422);
        assertThat(client.put("/conversations/xgQQXg3hrtjh7AvZ", "{\"archived_at\": \"today\"}").statusCode()).isEqualTo(422);
    }

    @Test
    void deleteRemovesTheConversation() {
        assertThat(client.delete("/conversations/xgQQXg3hrtjh7AvZ").statusCode()).isEqualTo(204);
        assertThat(client.get("/conversations/xgQQXg3hrtjh7AvZ").statusCode()).isEqualTo(404);
        assertThat(client.delete("/conversations/xgQQXg3hrtjh7AvZ").statusCode()).isEqualTo(404);
    }

    @Test
    void retrieveAnswersThePlazaHotelWithItsMembersAsStored() {
        JsonNode plaza = client.json("/groups/l7cGNIBKZiNJ6wqF");
        assertThat(plaza.get("name").asText()).isEqualTo("Plaza Hotel");
        assertThat(plaza.get("description").asText()).isEqualTo("World-renowned.");
        assertThat(plaza.get("conversation_id").asText()).isEqualTo("ZYjVAbCE9g5XRlra");
        assertThat(plaza.get("contacts").toString()).isEqualTo(
                "[{\"username\":\"Hector\"},{\"username\":\"Cedric\"},{\"username\":\"Hester\"},{\"username\":\"Cliff\"}]");
        assertThat(plaza.get("created_at").asLong()).isEqualTo(692233200);
    }

    @Test
    void createGroupNeedsANameAndAnswersTheDocumentedShape() {
        HttpResponse<String> response = client.post("/groups", "{\"name\": \"Plaza Hotel\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = SandboxClient.parse(response);
        assertThat(created.fieldNames()).toIterable().containsExactly("id", "name", "description", "avatar_url",
                "conversation_id", "contacts", "created_at", "archived_at");
        assertThat(created.get("description").isNull()).isTrue();
        assertThat(created.get("contacts")).isEmpty();
        assertThat(created.get("conversation_id").asText()).hasSize(16);
        assertThat(client.post("/groups", "{\"description\": \"no name\"}").statusCode()).isEqualTo(422);
        assertThat(client.post("/groups", "{\"name\": \"\"}").statusCode()).isEqualTo(422);
        assertThat(client.post("/groups", "{\"name\": \"x\", \"contacts\": \"Hector\"}").statusCode()).isEqualTo(422);
    }

    @Test
    void putGroupChangesTheDescriptionAndKeepsTheRest() {
        JsonNode updated = SandboxClient.parse(client.put("/groups/l7cGNIBKZiNJ6wqF",
                "{\"description\": \"The finest in New York.\"}"));
        assertThat(updated.get("description").asText()).isEqualTo("The finest in New York.");
        assertThat(updated.get("contacts")).hasSize(4);
        assertThat(server.store().groups().get("l7cGNIBKZiNJ6wqF").get("description").asText())
                .isEqualTo("The finest in New York.");
    }

    @Test
    void deleteRemovesTheGroupAndUnknownIdsAreNotFound() {
        assertThat(client.delete("/groups/l7cGNIBKZiNJ6wqF").statusCode()).isEqualTo(204);
        assertThat(client.get("/groups/l7cGNIBKZiNJ6wqF").statusCode()).isEqualTo(404);
        assertThat(client.put("/groups/L7cGNIBKZiNJ6wqF", "{\"name\":\"ids are case-sensitive\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void storeInsertsAreServedAtOnce() {
        var record = SandboxClient.JSON.createObjectNode().put("id", "testInsert000001").put("name", "Inserted")
                .putNull("archived_at");
        server.store().groups().insertFirst(record);
        assertThat(client.json("/groups?limit=1").get("data").get(0).get("id").asText()).isEqualTo("testInsert000001");
        server.store().groups().update("testInsert000001", group -> group.put("name", "Renamed"));
        assertThat(client.json("/groups/testInsert000001").get("name").asText()).isEqualTo("Renamed");
        server.store().groups().delete("testInsert000001");
        assertThat(client.get("/groups/testInsert000001").statusCode()).isEqualTo(404);
    }
}
