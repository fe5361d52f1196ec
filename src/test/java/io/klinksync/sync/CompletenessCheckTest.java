package io.klinksync.sync;

import io.klinksync.sync.CompletenessCheck.Verdict.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompletenessCheckTest {

    private final CompletenessCheck check = new CompletenessCheck(null, 2);

    @Test
    void distinctIdsMatchingTheStatedTotalAreComplete() {
        assertThat(check.verdict(1, 10, 10, 10, null).outcome()).isEqualTo(Outcome.COMPLETE);
        assertThat(check.verdict(1, 10, 10, -1, null).outcome()).isEqualTo(Outcome.COMPLETE); // cursor: no total
    }

    @Test
    void recordsThatCameTwiceWalkAgain() {
        CompletenessCheck.Verdict verdict = check.verdict(1, 12, 10, -1, null);
        assertThat(verdict.outcome()).isEqualTo(Outcome.WALK_AGAIN);
        assertThat(verdict.reason()).isEqualTo("2 records came twice (12 received, 10 distinct ids)");
    }

    @Test
    void fewerIdsThanTheStatedTotalWalkAgain() {
        CompletenessCheck.Verdict verdict = check.verdict(2, 9, 9, 10, null);
        assertThat(verdict.outcome()).isEqualTo(Outcome.WALK_AGAIN);
        assertThat(verdict.reason()).isEqualTo("the API reported 10 records but 9 distinct ids arrived");
    }

    @Test
    void aDriftNoteOutweighsMatchingCounts() {
        assertThat(check.verdict(1, 10, 10, 10, "the total changed from 10 to 11 while paging").reason())
                .isEqualTo("the total changed from 10 to 11 while paging");
    }

    @Test
    void afterTheLastReWalkThePassIsIncompleteAndDeletesNothing() {
        CompletenessCheck.Verdict verdict = check.verdict(3, 12, 10, -1, null);
        assertThat(verdict.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(verdict.reason()).startsWith("records shifted while paging: 2 records came twice")
                .contains("still after 2 re-walks").contains("nothing was deleted");
    }
}
