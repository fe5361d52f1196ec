package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageHeaderCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode page(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aTruthfulPageHasNoProblems() throws Exception {
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":250,\"page\":3,\"pageSize\":100,\"lastPage\":3,\"data\":[]}"), "data", 3, 100)).isEmpty();
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":0,\"page\":1,\"pageSize\":100,\"lastPage\":1,\"data\":[]}"), "data", 1, 100)).isEmpty();
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":0,\"page\":1,\"pageSize\":100,\"lastPage\":0,\"data\":[]}"), "data", 1, 100)).isEmpty();
        // A server may clamp the page size below the one asked; lastPage then follows from its own.
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":250,\"page\":1,\"pageSize\":50,\"lastPage\":5,\"data\":[]}"), "data", 1, 100)).isEmpty();
    }

    @Test
    void theHeaderSeenInTheFieldIsRefusedQuotingEachValue() throws Exception {
        assertThat(PageHeaderCheck.numberedPage(page(
                "{\"lastPage\":72816967,\"page\":-73915555,\"total\":-75865340,\"pageSize\":100,\"data\":[]}"), "data", 1, 100))
                .containsExactly("page -73915555 answers a request for page 1",
                        "total -75865340 is not a count of records",
                        "lastPage 72816967 cannot follow from total -75865340 at pageSize 100");
    }

    @Test
    void aLastPageThatContradictsTheTotalIsRefused() throws Exception {
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":250,\"page\":1,\"pageSize\":100,\"lastPage\":72816967,\"data\":[]}"), "data", 1, 100))
                .containsExactly("lastPage 72816967 does not follow from total 250 at pageSize 100 (that makes lastPage 3)");
    }

    @Test
    void aPageSizeAboveTheOneAskedOrMoreRecordsThanItAreRefused() throws Exception {
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":250,\"page\":1,\"pageSize\":200,\"lastPage\":2,\"data\":[]}"), "data", 1, 100))
                .containsExactly("pageSize 200 where at most 100 was asked");
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":3,\"page\":1,\"pageSize\":2,\"lastPage\":2,\"data\":[{},{},{}]}"), "data", 1, 2))
                .containsExactly("3 records on a page of pageSize 2");
    }

    @Test
    void missingTextualOrFractionalNumbersAreRefused() throws Exception {
        assertThat(PageHeaderCheck.numberedPage(page("{\"total\":\"250\",\"page\":1.5,\"lastPage\":3,\"data\":[]}"), "data", 1, 100))
                .containsExactly("page 1.5 answers a request for page 1",
                        "pageSize (missing) where at most 100 was asked",
                        "total \"250\" is not a count of records",
                        "lastPage 3 cannot follow from total \"250\" at pageSize (missing)");
    }

    @Test
    void idsOfTheWrongTypeAreALieButMissingOrBlankOnesAreLeftToTheMirror() throws Exception {
        assertThat(PageHeaderCheck.idProblem(page("[{\"id\":\"a\"},{\"id\":7},{\"id\":\"\"},{\"id\":null},{}]"))).isNull();
        assertThat(PageHeaderCheck.idProblem(page("[{\"id\":\"a\"},{\"id\":true}]")))
                .isEqualTo("record 2 has id true, a boolean; ids are strings or numbers");
        assertThat(PageHeaderCheck.idProblem(page("[{\"id\":{\"v\":1}}]"))).contains("id {\"v\":1}, an object");
        assertThat(PageHeaderCheck.idProblem(page("[{\"id\":[1]}]"))).contains("id [1], an array");
    }

    @Test
    void recordsAreTakenFromTheFieldTheDeclarationNames() throws Exception {
        JsonNode page = page("{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"data\":[]}");
        assertThat(PageHeaderCheck.records(page, "items", "notes", "/notes", "limit=2", "{items}", java.util.List.of()))
                .extracting(r -> r.get("id").asText()).containsExactly("a", "b");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PageHeaderCheck.data(page("{\"data\":[]}"), "items",
                        "notes", "/notes", "limit=2", "{items}"))
                .hasMessage("Stream notes: the page from /notes?limit=2 has no items array; expected {items}.");
    }
}
