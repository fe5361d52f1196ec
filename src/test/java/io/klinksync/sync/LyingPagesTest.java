package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.PageLie;
import io.klinksync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose pages are well-formed JSON but whose paging metadata or ids cannot be true is refused at
 * once: the run fails quoting what the page said, after a handful of requests, and deletes nothing.
 */
class LyingPagesTest {

    private static final int CONTACTS = 250;

    static Stream<Arguments> lies() {
        return Stream.of(
                Arguments.of(PageLie.AS_SEEN_IN_THE_FIELD, List.of("page -73915555", "72816967", "-75865340", "true")),
                Arguments.of(PageLie.NEGATIVE_PAGE, List.of("page -73915555", "page 1")),
                Arguments.of(PageLie.NEGATIVE_TOTAL, List.of("total -75865340")),
                Arguments.of(PageLie.LAST_PAGE_BEYOND_TOTAL, List.of("lastPage 72816967 does not follow from total")),
                Arguments.of(PageLie.PAGE_SIZE_ABOVE_ASKED, List.of("pageSize 200", "100")),
                Arguments.of(PageLie.BOOLEAN_IDS, List.of("id true", "boolean")));
    }

    @ParameterizedTest
    @MethodSource("lies")
    @Timeout(60)
    void aLyingPageFailsTheRunFastQuotingItsValuesAndDeletesNothing(PageLie lie, List<String> quoted) throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(CONTACTS))) {
            assertThat(f.syncOne("contacts").status()).isEqualTo("success");
            long mirrored = f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL");
            int requestsBefore = f.sandbox.requests().size();

            f.sandbox.knobs().lieInPages(lie, "/api/v1/contacts");
            long started = System.nanoTime();
            SyncRun run = f.syncOne("contacts");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.error()).contains(quoted).contains("contacts").contains("Nothing was deleted")
                    .doesNotContain("Exception");
            assertThat(f.sandbox.requests().size() - requestsBefore).isLessThanOrEqualTo(5);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(mirrored);
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL")).isZero();
        }
    }

    @Test
    @Timeout(60)
    void aCursorPageWithBooleanIdsFailsTheRunBeforeItIsWritten() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().conversations(120))) {
            assertThat(f.syncOne("conversations").status()).isEqualTo("success");
            long mirrored = f.count("SELECT COUNT(*) FROM conversations WHERE deleted_at IS NULL");

            f.sandbox.knobs().lieInPages(PageLie.BOOLEAN_IDS, "/api/v1/conversations");
            SyncRun run = f.syncOne("conversations");

            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.error()).contains("conversations").contains("id true").contains("boolean");
            assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE id = 'true'")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM conversations WHERE deleted_at IS NULL")).isEqualTo(mirrored);
        }
    }
}
