package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorPaginatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode page(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void theFirstPageAsksOnlyForTheLimit() {
        assertThat(new CursorPaginator("groups", "/groups", "data", 50, 10).first()).isEqualTo("limit=50");
    }

    @Test
    void theNextPageStartsAfterTheLastIdOfThisOne() throws Exception {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 2, 10);
        assertThat(paging.next(page("{\"has_more\": true, \"data\": [{\"id\": \"a\"}, {\"id\": \"b c\"}]}")))
                .contains("limit=2&starting_after=b+c");
        assertThat(paging.pages()).isEqualTo(1);
    }

    @Test
    void aPageWithoutMoreEndsTheWalk() throws Exception {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 2, 10);
        assertThat(paging.next(page("{\"has_more\": false, \"data\": [{\"id\": \"a\"}]}"))).isEmpty();
        assertThat(paging.next(page("{\"has_more\": false, \"data\": []}"))).isEmpty();
    }

    @Test
    void aPageWithoutABooleanHasMoreIsNoCursorPage() {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 2, 10);
        assertThatThrownBy(() -> paging.next(page("{\"has_more\": \"yes\", \"data\": []}")))
                .isInstanceOf(BrokenPageException.class).hasMessageContaining("has no boolean has_more")
                .hasMessageContaining("provider.groups.paging");
        assertThat(paging.pages()).isZero();
    }

    @Test
    void hasMoreWithAnEmptyPageStops() {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 2, 10);
        assertThatThrownBy(() -> paging.next(page("{\"has_more\": true, \"data\": []}")))
                .isInstanceOf(BrokenPageException.class).hasMessageContaining("has_more but sent an empty page after 1 pages");
    }

    @Test
    void aLastRecordWithoutIdCannotLeadOn() {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 2, 10);
        assertThatThrownBy(() -> paging.next(page("{\"has_more\": true, \"data\": [{\"id\": \"a\"}, {\"name\": \"x\"}]}")))
                .isInstanceOf(BrokenPageException.class).hasMessageContaining("has no id to ask for the next page");
    }

    @Test
    void aCursorThatLeadsBackStopsTheLoop() throws Exception {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 1, 10);
        JsonNode same = page("{\"has_more\": true, \"data\": [{\"id\": \"a\"}]}");
        assertThat(paging.next(same)).contains("limit=1&starting_after=a");
        assertThatThrownBy(() -> paging.next(same)).isInstanceOf(BrokenPageException.class)
                .hasMessageContaining("led back to starting_after=a after 2 pages");
    }

    @Test
    void aWalkReadsAtMostMaxPages() throws Exception {
        CursorPaginator paging = new CursorPaginator("groups", "/groups", "data", 1, 2);
        assertThat(paging.next(page("{\"has_more\": true, \"data\": [{\"id\": \"a\"}]}"))).isPresent();
        assertThatThrownBy(() -> paging.next(page("{\"has_more\": true, \"data\": [{\"id\": \"b\"}]}")))
                .isInstanceOf(BrokenPageException.class).hasMessageContaining("still said has_more after 2 pages")
                .hasMessageContaining("sync.cursor.max-pages");
    }
}
