package io.klinksync.sync;

import io.klinksync.testing.KlinkProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The token never appears in any output: logs at the most verbose level, errors, the mirror, CSV files. */
class TokenSecrecyTest {

    @Test
    void theTokenAppearsInNoLogLineErrorOrOutputFile(@TempDir Path dir) throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            Map<String, String> verbose = Map.of("KLINK_TOKEN", SyncFixture.TOKEN,
                    "KLINK_LOG_LEVEL", "TRACE", "KLINK_LIBRARY_LOG_LEVEL", "DEBUG");
            String csvDir = dir.resolve("csv").toString();
            KlinkProcess ok = KlinkProcess.start(verbose, dir.resolve("ok.log"), "sync", "--base-url", f.sandbox.baseUrl(),
                    "--mirror", "csv", "--csv-dir", csvDir, "--stream", "conversations", "--stream", "contacts");
            assertThat(ok.waitFor()).as(ok.output()).isZero();

            // The same secret given as a wrong token must not leak through the 401 error either.
            KlinkProcess refused = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN + "-wrong",
                            "KLINK_LOG_LEVEL", "TRACE", "KLINK_LIBRARY_LOG_LEVEL", "DEBUG"), dir.resolve("refused.log"),
                    "sync", "--base-url", f.sandbox.baseUrl(), "--mirror", "csv", "--csv-dir", csvDir, "--stream", "contacts");
            assertThat(refused.waitFor()).isEqualTo(2);

            String logs = ok.output() + refused.output();
            // The verbose run really printed request headers, masked.
            assertThat(logs).contains("Bearer ****");
            assertThat(refused.output()).contains("401");
            assertThat(logs).doesNotContain(SyncFixture.TOKEN);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(SyncFixture.TOKEN);
                }
            }
        }
    }
}
