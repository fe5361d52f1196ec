package io.klinksync.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FigureTest {

    @Test
    void medianOfOddAndEvenRunCounts() {
        assertThat(Figure.of("s", "f", "s", List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
        assertThat(Figure.of("s", "f", "s", List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void failedRunsDoNotCountTowardsTheMedian() {
        assertThat(Figure.of("s", "f", "s", List.of(Double.NaN, 5.0, 7.0)).median()).isEqualTo(6.0);
        assertThat(Figure.of("s", "f", "s", List.of(Double.NaN)).median()).isNaN();
    }

    @Test
    void targetsAreHeldAgainstTheMedian() {
        Figure ratio = Figure.of("latency", "speed vs floor", "x", List.of(0.9, 0.7, 0.85)).atLeast(0.8);
        assertThat(ratio.target()).isEqualTo(">= 0.80");
        assertThat(ratio.verdict()).isEqualTo("met");
        assertThat(Figure.of("t", "pass / max", "x", List.of(1.6, 1.7, 1.2)).atMost(1.5).verdict()).isEqualTo("MISSED");
        assertThat(Figure.of("t", "no target", "s", List.of(1.0)).verdict()).isEmpty();
        assertThat(Figure.of("t", "all runs failed", "x", List.of(Double.NaN)).atLeast(1).verdict()).isEqualTo("MISSED");
    }

    @Test
    void resultTableWritesEveryFigureToMarkdown() {
        ResultTable table = new ResultTable();
        table.add(Figure.of("resync", "rows written", "rows", List.of(0.0, 0.0, 0.0)).atMost(0));
        table.note("a note");
        String md = table.markdown("2 cores", "java -jar target/klink-sync.jar bench");
        assertThat(md).contains("| resync | rows written | 0.00 | rows | &lt;= 0.00 | met | 0.00 / 0.00 / 0.00 |")
                .contains("- a note").contains("2 cores");
    }
}
