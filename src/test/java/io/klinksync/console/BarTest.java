package io.klinksync.console;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BarTest {

    @Test
    void aBarWhoseTotalIsLearnedAtTheEndEndsAtAHundredPercent() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Screen screen = new Screen(System.out, new PrintStream(err, true, StandardCharsets.UTF_8), true);
        Bar bar = new Bars(screen, 50).start("groups", "rec", -1); // cursor paging: no total until the end
        bar.stepTo(4);
        bar.total(4);
        bar.stepTo(4);
        bar.close();

        String[] drawn = err.toString(StandardCharsets.UTF_8).split("\r");
        assertThat(drawn[drawn.length - 1]).contains("100%").contains("4/4 rec");
    }
}
