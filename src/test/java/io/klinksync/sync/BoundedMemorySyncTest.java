package io.klinksync.sync;

import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync holds a bounded number of pages, never the stream: a walk far larger than the heap completes under a
 * small heap bound. (Camel's parallel split keeps every batch it split into until the walk ends, so a batch that
 * kept its records after its write would keep the whole stream.)
 */
class BoundedMemorySyncTest {

    private static final String TOKEN = "memory-token";
    private static final int CONTACTS = 40_000;

    /** On the embedded default (SQLite, 10 pages per transaction) and on H2. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:%s/mirror.sqlite", "jdbc:h2:file:%s/mirror"})
    void aStreamLargerThanTheHeapSyncsWithinIt(String url, @TempDir Path dir) throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().profile("klink").port(0)
                .token(TOKEN).seedData(false).contacts(CONTACTS))) {
            Path out = dir.resolve("out.txt");
            KlinkProcess sync = KlinkProcess.start(List.of("-Xmx96m"), Map.of("KLINK_TOKEN", TOKEN), out, null,
                    "sync", "--stream", "contacts", "--quiet", "--base-url", sandbox.baseUrl(),
                    "--jdbc-url", url.formatted(dir.toAbsolutePath()),
                    "--set", "api.rate-limit=0");
            OptionalInt code = sync.waitFor(Duration.ofMinutes(5));
            if (code.isEmpty()) {
                sync.kill();
            }
            assertThat(code).as(Files.readString(out)).hasValue(0);
            assertThat(Files.readString(out)).doesNotContain("OutOfMemoryError");
        }
    }
}
