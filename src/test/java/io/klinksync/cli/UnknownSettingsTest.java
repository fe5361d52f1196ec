package io.klinksync.cli;

import io.klinksync.testing.KlinkProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting that does not exist stops the command before anything runs, wherever it was given. */
class UnknownSettingsTest {

    @TempDir
    Path dir;

    @Test
    void inSet() throws Exception {
        assertRefused(run(Map.of(), "status", "--set", "sync.page-sise=50"),
                "Unknown setting 'sync.page-sise' in --set: did you mean sync.page-size?");
    }

    @Test
    void inTheEnvironment() throws Exception {
        assertRefused(run(Map.of("KLINK_SYNC_PAGE_SISE", "50"), "status"),
                "environment variable KLINK_SYNC_PAGE_SISE names no setting: did you mean KLINK_SYNC_PAGE_SIZE?");
    }

    @Test
    void inTheApplicationFile() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config.resolve("providers"));
        Files.copy(Path.of("config", "providers", "klink.properties"), config.resolve("providers").resolve("klink.properties"));
        Files.writeString(config.resolve("application.properties"),
                Files.readString(Path.of("config", "application.properties"), StandardCharsets.UTF_8) + "\nsync.pagesize=50\n",
                StandardCharsets.UTF_8);
        assertRefused(run(Map.of(), "status", "--config", config.toString()),
                "'sync.pagesize' in " + config.resolve("application.properties") + ": did you mean sync.page-size?");
    }

    private static void assertRefused(String[] outcome, String message) {
        assertThat(outcome[0]).isEqualTo("2");
        assertThat(outcome[1].strip().lines()).as(outcome[1]).hasSize(1);
        assertThat(outcome[1]).contains(message);
    }

    private String[] run(Map<String, String> env, String... args) throws Exception {
        Path out = dir.resolve("out" + System.nanoTime() + ".log");
        KlinkProcess process = KlinkProcess.start(env, out, args);
        OptionalInt code = process.waitFor(Duration.ofSeconds(60));
        if (code.isEmpty()) {
            process.kill();
        }
        return new String[] {code.isPresent() ? String.valueOf(code.getAsInt()) : "timeout", process.output()};
    }
}
