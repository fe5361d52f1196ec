package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagePaginationTest {

    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().profile("klink").contacts(37));
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void walkingEveryPageVisitsEveryContactOnce() {
        JsonNode first = client.json("/contacts?page=1&pageSize=10");
        assertThat(first.get("total").asInt()).isEqualTo(65);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("pageSize").asInt()).isEqualTo(10);
        assertThat(first.get("lastPage").asInt()).isEqualTo(7);
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= first.get("lastPage").asInt(); page++) {
            client.json("/contacts?page=" + page + "&pageSize=10").get("data").forEach(c -> seen.add(c.get("id").asText()));
        }
        assertThat(seen).hasSize(65).doesNotHaveDuplicates().containsExactlyElementsOf(server.store().contacts().ids());
    }

    @Test
    void pageSizeDefaultsToTenAndGoesUpToAHundred() {
        JsonNode defaults = client.json("/contacts");
        assertThat(defaults.get("pageSize").asInt()).isEqualTo(10);
        assertThat(defaults.get("data")).hasSize(10);
        assertThat(defaults.get("data").get(0).get("id").asText()).isEqualTo("eefdaf75-ed19-4291-8e47-913f1205d02d");

        JsonNode clamped = client.json("/contacts?pageSize=1000");
        assertThat(clamped.get("pageSize").asInt()).isEqualTo(100);
        assertThat(clamped.get("lastPage").asInt()).isEqualTo(1);
        assertThat(clamped.get("data")).hasSize(65);
    }

    @Test
    void aPageBeyondTheLastIsEmptyButKeepsTheTotals() {
        JsonNode beyond = client.json("/contacts?page=99&pageSize=10");
        assertThat(beyond.get("data")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(65);
        assertThat(beyond.get("lastPage").asInt()).isEqualTo(7);
    }

    @Test
    void invalidPageParametersAreBadRequests() {
        assertThat(client.get("/contacts?page=0").statusCode()).isEqualTo(400);
        assertThat(client.get("/contacts?pageSize=-5").statusCode()).isEqualTo(400);
        assertThat(client.get("/contacts?page=two").statusCode()).isEqualTo(400);
    }

    @Test
    void keywordFindsKyawKyawBySubstringsInAnyCase() {
        for (String keyword : List.of("kyaw", "Kya", "yaw", "aw", "KYAW KYAW")) {
            JsonNode found = client.json("/contacts?pageSize=100&keyword=" + keyword.replace(" ", "%20"));
            assertThat(names(found)).as(keyword).contains("Kyaw Kyaw");
            assertThat(found.get("total").asInt()).isEqualTo(found.get("data").size());
        }
    }

    @Test
    void keywordMatchesMyanmarScriptEmailsAndPhones() {
        JsonNode myanmar = client.json("/contacts?keyword=" + java.net.URLEncoder.encode("ကျော်",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(names(myanmar)).anySatisfy(n -> assertThat(n).contains("ကျော်"));
        assertThat(names(client.json("/contacts?keyword=mistercustomer")))
                .containsExactly("Aria ");
        assertThat(ids(client.json("/contacts?keyword=09797877")))
                .containsExactly("eefdaf75-ed19-4291-8e47-913f1205d02d");
        JsonNode none = client.json("/contacts?keyword=zzzzqqq");
        assertThat(none.get("total").asInt()).isZero();
        assertThat(none.get("data")).isEmpty();
    }

    @Test
    void keywordResultsArePaged() {
        JsonNode all = client.json("/contacts?keyword=a&pageSize=100");
        int total = all.get("total").asInt();
        assertThat(total).isGreaterThan(5);
        JsonNode second = client.json("/contacts?keyword=a&page=2&pageSize=5");
        assertThat(second.get("total").asInt()).isEqualTo(total);
        assertThat(ids(second))
                .containsExactlyElementsOf(ids(all).subList(5, 10));
    }

    @Test
    void contactGroupsListInTheDocumentedShape() {
        JsonNode groups = client.json("/contacts/groups");
        assertThat(groups.get("total").asInt()).isEqualTo(5);
        assertThat(groups.get("lastPage").asInt()).isEqualTo(1);
        JsonNode first = groups.get("data").get(0);
        assertThat(first.toString()).isEqualTo(
                "{\"id\":\"7b03581e-78d1-47fa-aaf0-8f5b3733a803\",\"value\":\"new\",\"label\":\"new\",\"is_default\":false}");
        assertThat(client.json("/contacts/groups?page=2&pageSize=2").get("data")).hasSize(2);
    }

    @Test
    void contactFieldsListDefaultsAndCustomFieldsWithOptions() {
        JsonNode fields = client.json("/contacts/fields?pageSize=100");
        JsonNode channel = find(fields, "channel");
        assertThat(channel.get("id").asText()).isEqualTo("464b7eef-22ed-435e-9bef-35b58e435eda");
        assertThat(channel.get("type").asText()).isEqualTo("select");
        assertThat(channel.get("is_default").asBoolean()).isTrue();
        assertThat(channel.get("options").get(0).toString())
                .isEqualTo("{\"value\":\"phone\",\"label\":\"Phone\",\"is_default\":true}");
        assertThat(channel.get("options").get(1).get("value").asText()).isEqualTo("G-Mail");
        assertThat(find(fields, "cf_sector").get("type").asText()).isEqualTo("text");
        assertThat(find(fields, "cf_tier").get("type").asText()).isEqualTo("select");
        assertThat(find(fields, "cf_lifetime_value").get("type").asText()).isEqualTo("number");
        assertThat(find(fields, "cf_birthday").get("type").asText()).isEqualTo("date");
        assertThat(fields.get("data")).allSatisfy(f -> assertThat(f.fieldNames()).toIterable().containsExactly(
                "id", "system_name", "display_name", "type", "is_default", "is_archived", "is_required", "is_unique", "options"));
    }

    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("data").forEach(record -> names.add(record.get("name").asText()));
        return names;
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(record -> ids.add(record.get("id").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode page, String systemName) {
        for (JsonNode field : page.get("data")) {
            if (field.get("system_name").asText().equals(systemName)) {
                return field;
            }
        }
        throw new AssertionError("No field " + systemName + " in " + page);
    }
}
