package io.klinksync.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PeakRssTest {

    private static final String REPORT = """
            Command exited with non-zero status 1
            \tCommand being timed: "bash bin/klink-sync sync --stream contacts"
            \tUser time (seconds): 12.34
            \tSystem time (seconds): 1.02
            \tPercent of CPU this job got: 180%
            \tAverage resident set size (kbytes): 0
            \tMaximum resident set size (kbytes): 456789
            \tExit status: 1
            """;

    @Test
    void readsTheMaximumResidentSetOfGnuTimesVerboseReport() {
        assertThat(PeakRss.parseKb(REPORT)).hasValue(456789);
    }

    @Test
    void aReportWithoutTheLineHasNoFigure(@TempDir Path dir) throws Exception {
        assertThat(PeakRss.parseKb("\tUser time (seconds): 1.0\n\tAverage resident set size (kbytes): 0\n")).isEmpty();
        assertThat(PeakRss.readKb(dir.resolve("absent.rss"))).isEmpty();
        Path report = dir.resolve("sync.log.rss");
        Files.writeString(report, REPORT);
        assertThat(PeakRss.readKb(report)).hasValue(456789);
    }
}
