package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ContactWritesTest {

    private static final String ARIA = "eefdaf75-ed19-4291-8e47-913f1205d02d";

    @AutoClose
    private final SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink"));
    private final SandboxClient client = new SandboxClient(server);

    @Test
    void createAnswersTheBareContactInTheReadShape() {
        HttpResponse<String> response = client.post("/contacts", """
                {"name": "ကျော်ကျော် ", "email": [], "phone": [{"phone": "1-800-759-3000", "isPrimary": true}],
                 "avatar_url": "https://assets.protocol.chat/avatars/frank.jpg",
                 "tags": ["platinum", "brand-new-tag"], "company": "Shwe Taung Trading",
                 "customFields": {"cf_sector": "Finance", "cf_tier": "gold", "cf_lifetime_value": 1200, "cf_birthday": "1990-01-31"},
                 "channel": "viber", "address": "ဗဟန်းမြို့နယ်", "notes": null}
                """);
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = SandboxClient.parse(response);
        assertThat(created.has("status")).as("create is not wrapped").isFalse();
        assertThat(created.get("name").asText()).isEqualTo("ကျော်ကျော် ");
        assertThat(created.get("email")).isEmpty();
        assertThat(created.get("phone").get(0).toString()).isEqualTo("{\"phone\":\"1-800-759-3000\",\"isPrimary\":true}");
        assertThat(created.get("tags").findValuesAsText("name")).containsExactly("platinum", "brand-new-tag");
        assertThat(created.get("tags").get(1).get("id").asText()).isNotBlank();
        assertThat(created.get("company").get("name").asText()).isEqualTo("Shwe Taung Trading");
        assertThat(created.get("company").get("id").asText()).isNotBlank();
        assertThat(created.get("company").has("industry")).isTrue();
        JsonNode sector = created.get("customFields").get(0);
        assertThat(sector.get("system_name").asText()).isEqualTo("cf_sector");
        assertThat(sector.get("display_name").asText()).isEqualTo("sector`");
        assertThat(sector.get("type").asText()).isEqualTo("text");
        assertThat(sector.get("value").asText()).isEqualTo("Finance");
        assertThat(created.get("customFields")).hasSize(4);

        String id = created.get("id").asText();
        assertThat(server.store().contacts().get(id)).isEqualTo(created);
        assertThat(server.store().tags()).containsKey("brand-new-tag");
    }

    @Test
    void createReusesAnExistingCompanyByName() {
        JsonNode created = SandboxClient.parse(client.post("/contacts",
                "{\"name\":\"A\",\"email\":[],\"phone\":[],\"company\":\"Cool Entreprise\"}"));
        assertThat(created.get("company").get("id").asText()).isEqualTo("5073bd60-dee4-4866-a798-42c37300171c");
    }

    @Test
    void retrieveWrapsTheContactInAStatusEnvelope() {
        JsonNode envelope = client.json("/contacts/" + ARIA);
        assertThat(envelope.get("status").asText()).isEqualTo("success");
        assertThat(envelope.get("message").asText()).isEqualTo("contact");
        JsonNode aria = envelope.get("data");
        assertThat(aria.get("name").asText()).isEqualTo("Aria ");
        assertThat(aria.get("address").asText()).isEqualTo("Dagon Seikkan Township");
        assertThat(aria.get("tags").get(0).get("id").asText()).isEqualTo("258fc2c9-738d-4889-806c-0955a3b892c3");
        assertThat(aria.get("email").get(0).get("isPrimary").asBoolean()).isFalse();

        JsonNode frank = client.json("/contacts/c786bb40-a58e-4d60-afe6-061e2b918811").get("data");
        assertThat(frank.get("name").asText()).isEqualTo("FrankMcCallister");
        assertThat(frank.get("customFields").get(0).get("system_name").asText()).isEqualTo("demo_test");
    }

    @Test
    void putChangesOnlyTheListedFields() {
        HttpResponse<String> response = client.put("/contacts/" + ARIA, """
                {"name": "UncleFrank", "address": "Yangon", "specific_update_fields": ["name"]}
                """);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.parse(response).toString())
                .isEqualTo("{\"status\":\"success\",\"message\":\"updating contact\",\"data\":null}");
        JsonNode stored = server.store().contacts().get(ARIA);
        assertThat(stored.get("name").asText()).isEqualTo("UncleFrank");
        assertThat(stored.get("address").asText()).isEqualTo("Dagon Seikkan Township");
    }

    @Test
    void anEmptyListUpdatesEveryFieldInTheBody() {
        client.put("/contacts/" + ARIA, """
                {"name": "Aria", "address": null, "tags": ["gold"], "company": "K-Link",
                 "email": [{"email": "aria@example.com", "isPrimary": true}], "specific_update_fields": []}
                """);
        JsonNode stored = server.store().contacts().get(ARIA);
        assertThat(stored.get("name").asText()).isEqualTo("Aria");
        assertThat(stored.get("address").isNull()).isTrue();
        assertThat(stored.get("tags").findValuesAsText("name")).containsExactly("gold");
        assertThat(stored.get("company").get("name").asText()).isEqualTo("K-Link");
        assertThat(stored.get("email").get(0).get("email").asText()).isEqualTo("aria@example.com");
        assertThat(stored.get("phone").get(0).get("phone").asText()).as("absent fields stay").isEqualTo("09797877765");
        assertThat(stored.get("channel").asText()).isEqualTo("phone");
    }

    @Test
    void customFieldUpdatesMergeByKeyAndNullClears() {
        client.put("/contacts/" + ARIA, """
                {"customFields": {"cf_tier": "silver"}, "specific_update_fields": ["customFields"]}
                """);
        JsonNode stored = server.store().contacts().get(ARIA);
        assertThat(stored.get("customFields").findValuesAsText("system_name")).containsExactly("cf_sector", "cf_tier");
        client.put("/contacts/" + ARIA, "{\"customFields\": {\"cf_sector\": null}, \"specific_update_fields\": []}");
        assertThat(server.store().contacts().get(ARIA).get("customFields").findValuesAsText("system_name"))
                .containsExactly("cf_tier");
    }

    @Test
    void updateWithoutSpecificUpdateFieldsIsABadRequest() {
        HttpResponse<String> response = client.put("/contacts/" + ARIA, "{\"name\": \"X\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxClient.parse(response).get("message").asText()).contains("specific_update_fields");
        assertThat(server.store().contacts().get(ARIA).get("name").asText()).isEqualTo("Aria ");
        assertThat(client.put("/contacts/" + ARIA, "{\"name\": \"X\", \"specific_update_fields\": \"name\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aListedFieldMissingFromTheBodyIsRejected() {
        assertThat(client.put("/contacts/" + ARIA, "{\"name\": \"X\", \"specific_update_fields\": [\"address\"]}")
                .statusCode()).isEqualTo(422);
        assertThat(client.put("/contacts/" + ARIA, "{\"name\": \"X\", \"specific_update_fields\": [\"shoe_size\"]}")
                .statusCode()).isEqualTo(422);
    }

    @Test
    void deleteAnswersTheEnvelopeAndTheContactIsGone() {
        HttpResponse<String> response = client.delete("/contacts/" + ARIA);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.parse(response).toString())
                .isEqualTo("{\"status\":\"success\",\"message\":\"deleting contact\",\"data\":null}");
        assertThat(server.store().contacts().contains(ARIA)).isFalse();
        assertThat(client.get("/contacts/" + ARIA).statusCode()).isEqualTo(404);
        assertThat(client.delete("/contacts/" + ARIA).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownIdsAreNotFoundWithTheErrorBody() {
        HttpResponse<String> response = client.get("/contacts/00000000-0000-0000-0000-000000000000");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = SandboxClient.parse(response);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).contains("00000000-0000-0000-0000-000000000000");
        assertThat(client.put("/contacts/nope", "{\"name\":\"x\",\"specific_update_fields\":[]}").statusCode()).isEqualTo(404);
    }

    @Test
    void writesAreValidatedAgainstTheContactFields() {
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"customFields\":{\"cf_unknown\":\"x\"}}", "cf_unknown");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"customFields\":{\"cf_tier\":\"diamond\"}}", "diamond");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"customFields\":{\"cf_lifetime_value\":\"lots\"}}", "number");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"customFields\":{\"cf_birthday\":\"31/01/1990\"}}", "ISO");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"customFields\":{\"cf_old_segment\":\"x\"}}", "archived");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"channel\":\"carrier-pigeon\"}", "channel");
        assertRejected("{\"name\":\"A\",\"email\":[{\"email\":\"not-an-email\",\"isPrimary\":true}],\"phone\":[]}", "not-an-email");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[{\"phone\":\"09451234567\",\"isPrimary\":true},"
                + "{\"phone\":\"09457654321\",\"isPrimary\":true}]}", "isPrimary");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"tags\":\"vip\"}", "tags");
        assertRejected("{\"email\":[],\"phone\":[]}", "name");
        assertRejected("{\"name\":\"  \",\"email\":[],\"phone\":[]}", "name");
        assertRejected("{\"name\":\"A\",\"phone\":[]}", "email");
        assertRejected("{\"name\":\"A\",\"email\":[],\"phone\":[],\"shoe_size\":42}", "shoe_size");
        assertThat(client.post("/contacts", "{\"name\":\"A\",\"email\":[],\"phone\":[],\"customFields\":"
                + "{\"cf_lifetime_value\":\"12.5\",\"cf_birthday\":\"2024-03-15T09:30:00Z\"}}").statusCode()).isEqualTo(201);
        assertThat(server.store().contacts().count()).isEqualTo(29);
    }

    @Test
    void malformedJsonIsABadRequest() {
        HttpResponse<String> response = client.post("/contacts", "{\"name\": \"A\" \"email\": []}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxClient.parse(response).get("message").asText()).contains("not valid JSON");
        assertThat(client.post("/contacts", "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void patchIsRefusedWhereTheProfileUpdatesWithPut() {
        HttpResponse<String> response = client.send("PATCH", "/contacts/" + ARIA, "{\"name\":\"X\",\"specific_update_fields\":[]}");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("PUT"));
    }

    @Test
    void theGatewayProfileUpdatesContactsWithPatch() {
        try (SandboxServer gateway = SandboxServer.start(SandboxOptions.defaults().profile("klink-gateway"))) {
            SandboxClient gatewayClient = new SandboxClient(gateway);
            HttpResponse<String> patched = gatewayClient.send("PATCH", "/contacts/" + ARIA,
                    "{\"notes\":\"VIP\",\"specific_update_fields\":[\"notes\"]}");
            assertThat(patched.statusCode()).isEqualTo(200);
            assertThat(SandboxClient.parse(patched).get("message").asText()).isEqualTo("updating contact");
            assertThat(gateway.store().contacts().get(ARIA).get("notes").asText()).isEqualTo("VIP");
            assertThat(gatewayClient.put("/contacts/" + ARIA, "{\"notes\":\"x\",\"specific_update_fields\":[]}")
                    .statusCode()).isEqualTo(405);
        }
    }

    private void assertRejected(String body, String messagePart) {
        HttpResponse<String> response = client.post("/contacts", body);
        assertThat(response.statusCode()).as(body).isEqualTo(422);
        JsonNode error = SandboxClient.parse(response);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).as(body).contains(messagePart);
    }
}
