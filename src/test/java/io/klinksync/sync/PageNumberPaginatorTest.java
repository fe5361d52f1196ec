package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageNumberPaginatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode page(int number, long total, int lastPage, int records) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < records; i++) {
            data.append(i == 0 ? "" : ",").append("{\"id\": \"r").append(number).append('-').append(i).append("\"}");
        }
        return JSON.readTree("{\"total\": " + total + ", \"page\": " + number + ", \"pageSize\": 2, \"lastPage\": "
                + lastPage + ", \"data\": [" + data + "]}");
    }

    private static List<String> ranges(PageNumberPaginator paging) {
        List<String> ranges = new ArrayList<>();
        paging.plan().forEachRemaining(r -> ranges.add(r[0] + ".." + r[1]));
        return ranges;
    }

    @Test
    void page1AnnouncesThePagesTheWalkAsksForInBatches() throws Exception {
        PageNumberPaginator paging = new PageNumberPaginator("contacts", "/contacts", "data", 2, 3);
        assertThat(paging.first()).isEqualTo("page=1&pageSize=2");
        assertThat(paging.firstPage(page(1, 13, 7, 2), paging.first())).hasSize(2);
        assertThat(paging.total()).isEqualTo(13);
        assertThat(ranges(paging)).containsExactly("2..4", "5..7");
    }

    @Test
    void aSinglePageStreamPlansNoFurtherPages() throws Exception {
        PageNumberPaginator paging = new PageNumberPaginator("contacts", "/contacts", "data", 2, 3);
        paging.firstPage(page(1, 0, 0, 0), paging.first());
        assertThat(ranges(paging)).isEmpty();
    }

    @Test
    void nextAsksExactlyThePagesPage1Announced() throws Exception {
        PageNumberPaginator paging = new PageNumberPaginator("contacts", "/contacts", "data", 2, 3);
        paging.firstPage(page(1, 6, 3, 2), paging.first());
        assertThat(paging.next(page(2, 6, 3, 2))).contains("page=3&pageSize=2");
        assertThat(paging.next(page(3, 8, 4, 2))).isEmpty(); // a later page announcing more cannot lengthen it
    }

    @Test
    void aTotalThatChangesMidWalkIsDrift() throws Exception {
        PageNumberPaginator paging = new PageNumberPaginator("contacts", "/contacts", "data", 2, 3);
        paging.firstPage(page(1, 6, 3, 2), paging.first());
        paging.page(page(2, 6, 3, 2), 2, paging.query(2));
        assertThat(paging.driftNote()).isNull();
        paging.page(page(3, 5, 3, 1), 3, paging.query(3));
        assertThat(paging.driftNote()).isEqualTo("the total changed from 6 to 5 while paging");
    }

    @Test
    void aPageThatAnswersAnotherPageIsNotBelieved() {
        PageNumberPaginator paging = new PageNumberPaginator("contacts", "/contacts", "data", 2, 3);
        assertThatThrownBy(() -> {
            paging.firstPage(page(1, 6, 3, 2), paging.first());
            paging.page(page(3, 6, 3, 2), 2, paging.query(2));
        }).isInstanceOf(BrokenPageException.class).hasMessageContaining("/contacts?page=2&pageSize=2 cannot be true")
                .hasMessageContaining("page 3 answers a request for page 2");
    }

    @Test
    void aFirstPageWithoutTotalAndLastPageIsNoPageNumberPage() {
        PageNumberPaginator paging = new PageNumberPaginator("contacts", "/contacts", "data", 2, 3);
        assertThatThrownBy(() -> paging.firstPage(JSON.readTree("{\"has_more\": false, \"data\": []}"), paging.first()))
                .isInstanceOf(BrokenPageException.class).hasMessageContaining("has no total and lastPage")
                .hasMessageContaining("provider.contacts.paging");
    }
}
