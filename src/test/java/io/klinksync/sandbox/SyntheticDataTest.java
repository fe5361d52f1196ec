package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticDataTest {

    @Test
    void theSameSeedGivesTheSameRecords() {
        try (SandboxServer first = SandboxServer.start(options(7));
             SandboxServer second = SandboxServer.start(options(7));
             SandboxServer other = SandboxServer.start(options(8))) {
            for (String stream : List.of("contacts", "conversations", "groups")) {
                List<String> ids = first.store().table(stream).ids();
                assertThat(second.store().table(stream).ids()).as(stream).isEqualTo(ids);
                for (String id : ids) {
                    assertThat(second.store().table(stream).bytes(id)).as(stream + " " + id)
                            .isEqualTo(first.store().table(stream).bytes(id));
                }
                assertThat(other.store().table(stream).ids()).as(stream).doesNotContainAnyElementsOf(ids);
            }
        }
    }

    @Test
    void syntheticContactIdsAreUuidsFromTheSeedAndIndex() {
        try (SandboxServer server = SandboxServer.start(options(7))) {
            assertThat(server.store().contacts().ids().get(0)).isEqualTo(SandboxServer.syntheticContactId(7, 0));
            assertThat(server.store().contacts().ids().get(49)).isEqualTo(SandboxServer.syntheticContactId(7, 49));
        }
    }

    @Test
    void everySyntheticContactHasTwoEmailsTwoPhonesTwoTagsAndThreeCustomFields() {
        try (SandboxServer server = SandboxServer.start(options(42))) {
            JsonNode page = new SandboxClient(server).json("/contacts?pageSize=100");
            assertThat(page.get("total").asInt()).isEqualTo(50);
            for (JsonNode contact : page.get("data")) {
                assertThat(contact.get("email")).hasSize(2);
                assertThat(contact.get("phone")).hasSize(2);
                assertThat(contact.get("email").findValuesAsText("isPrimary")).containsExactly("true", "false");
                assertThat(contact.get("tags")).hasSize(2);
                assertThat(contact.get("tags").get(0).get("name").asText())
                        .isNotEqualTo(contact.get("tags").get(1).get("name").asText());
                assertThat(contact.get("customFields").findValuesAsText("type")).containsExactly("text", "select", "number");
                assertThat(contact.get("company").get("id").asText()).isNotBlank();
            }
        }
    }

    @Test
    void syntheticContactsPassTheSandboxsOwnValidation() {
        try (SandboxServer server = SandboxServer.start(options(42))) {
            SandboxClient client = new SandboxClient(server);
            JsonNode contact = server.store().contacts().get(server.store().contacts().ids().get(3));
            var body = SandboxClient.JSON.createObjectNode();
            body.set("name", contact.get("name"));
            body.set("email", contact.get("email"));
            body.set("phone", contact.get("phone"));
            body.set("channel", contact.get("channel"));
            var tags = body.putArray("tags");
            contact.get("tags").forEach(t -> tags.add(t.get("name")));
            var custom = body.putObject("customFields");
            contact.get("customFields").forEach(f -> custom.set(f.get("system_name").asText(), f.get("value")));
            body.putArray("specific_update_fields");
            assertThat(client.put("/contacts/" + contact.get("id").asText(), body.toString()).statusCode()).isEqualTo(200);
            assertThat(server.store().contacts().get(contact.get("id").asText())).isEqualTo(contact);
        }
    }

    @Test
    void withoutSeedDataOnlySyntheticRecordsAndTheContactFieldsRemain() {
        try (SandboxServer server = SandboxServer.start(options(1).seedData(false))) {
            assertThat(server.store().contacts().count()).isEqualTo(50);
            assertThat(server.store().conversations().count()).isEqualTo(30);
            assertThat(server.store().groups().count()).isEqualTo(5);
            assertThat(server.store().contactGroups().count()).isZero();
            assertThat(server.store().contactFields().count()).isGreaterThan(8);
        }
    }

    @Test
    void seedDataComesFromTheClasspathWhenTheFolderIsMissing() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink")
                .seedDir(java.nio.file.Path.of("does-not-exist")))) {
            assertThat(server.store().contacts().get("eefdaf75-ed19-4291-8e47-913f1205d02d").get("name").asText())
                    .isEqualTo("Aria ");
        }
    }

    private static SandboxOptions options(long seed) {
        return SandboxOptions.defaults().profile("klink").seedData(false).syntheticSeed(seed)
                .contacts(50).conversations(30).groups(5);
    }
}
