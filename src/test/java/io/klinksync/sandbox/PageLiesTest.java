package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lying-page knob: well-formed list pages whose paging metadata or ids cannot be true. */
class PageLiesTest {

    @AutoClose
    private final SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink")
            .contacts(25).conversations(25));
    private final SandboxClient client = new SandboxClient(server);

    @Test
    void eachLieBreaksOneRuleOfAnOtherwiseTruePage() {
        JsonNode truth = client.json("/contacts?page=1&pageSize=10");
        int total = truth.get("total").asInt();

        server.knobs().lieInPages(PageLie.NEGATIVE_PAGE, "/contacts");
        assertThat(client.json("/contacts?page=1&pageSize=10").get("page").asInt()).isEqualTo(-73_915_555);

        server.knobs().lieInPages(PageLie.NEGATIVE_TOTAL, "/contacts");
        assertThat(client.json("/contacts?page=1&pageSize=10").get("total").asInt()).isEqualTo(-75_865_340);

        server.knobs().lieInPages(PageLie.LAST_PAGE_BEYOND_TOTAL, "/contacts");
        JsonNode beyond = client.json("/contacts?page=1&pageSize=10");
        assertThat(beyond.get("lastPage").asInt()).isEqualTo(72_816_967);
        assertThat(beyond.get("total").asInt()).isEqualTo(total);

        server.knobs().lieInPages(PageLie.PAGE_SIZE_ABOVE_ASKED, "/contacts");
        JsonNode bigger = client.json("/contacts?page=1&pageSize=10");
        assertThat(bigger.get("pageSize").asInt()).isEqualTo(20);
        assertThat(bigger.get("lastPage").asInt()).isEqualTo((total + 19) / 20);
        assertThat(bigger.get("data")).hasSize(10);
    }

    @Test
    void booleanIdsAreToldOnCursorPagesToo() {
        server.knobs().lieInPages(PageLie.BOOLEAN_IDS, null);
        JsonNode page = client.json("/conversations?limit=5");
        assertThat(page.get("data")).hasSize(5).allSatisfy(record -> assertThat(record.get("id").isBoolean()).isTrue());
        assertThat(page.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void theFieldLieRepeatsTheHeaderARealServerSent() {
        server.knobs().lieInPages(PageLie.AS_SEEN_IN_THE_FIELD, "/contacts");
        JsonNode page = client.json("/contacts?page=1&pageSize=10");
        assertThat(page.get("lastPage").asInt()).isEqualTo(72_816_967);
        assertThat(page.get("page").asInt()).isEqualTo(-73_915_555);
        assertThat(page.get("total").asInt()).isEqualTo(-75_865_340);
        assertThat(page.get("data").get(0).get("id").isBoolean()).isTrue();
    }

    @Test
    void onlyListPagesOfTheNamedPathLieAndTheTruthComesBack() {
        server.knobs().lieInPages(PageLie.BOOLEAN_IDS, "/contacts");
        assertThat(client.json("/conversations?limit=5").get("data").get(0).get("id").isTextual()).isTrue();
        String id = server.store().contacts().ids().iterator().next();
        assertThat(client.json("/contacts/" + id).get("data").get("id").isTextual()).isTrue();

        server.knobs().tellTheTruth();
        assertThat(client.json("/contacts?page=1").get("data").get(0).get("id").isTextual()).isTrue();
        server.knobs().lieInPages(PageLie.NEGATIVE_PAGE, null).reset();
        assertThat(client.json("/contacts?page=1").get("page").asInt()).isEqualTo(1);
    }
}
