package io.klinksync.cli;

import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.Serving;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error path the tests can reach, run as a user runs the tool (a separate process), and searched for what a
 * user should never read: Java class names, stack frames and libraries' internals.
 */
class UserFacingErrorsTest {

    private static final String TOKEN = "errors-test-token-51c0";

    /** Exception names, qualified or abbreviated (logger) Java names, stack frames, and two libraries' phrases seen in messages before. */
    private static final Pattern JAVA_LEAK = Pattern.compile(
            "\\b[A-Z][A-Za-z]+(Exception|Error)\\b|\\b[a-z]\\.[a-z]\\.[a-z]+\\.[A-Z]|\\b(java|javax|org|com|io)\\.[a-z]+\\.|^\\s+at |setDuplicateHeaderMode|Input length =",
            Pattern.MULTILINE);

    @TempDir
    static Path dir;

    static SandboxServer sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().profile("klink").port(0).token(TOKEN));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void noErrorPathNamesAJavaClass() throws Exception {
        String mirror = "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath() + ";NON_KEYWORDS=VALUE";
        String api = sandbox.baseUrl();
        String closedApi = "http://127.0.0.1:" + Serving.freePort() + "/api/v1";
        Path duplicateHeader = write("dup.csv", "id,name,name\n,Ann,Ann\n".getBytes(StandardCharsets.UTF_8));
        Path badHeader = write("bad.csv", new byte[] {'i', 'd', ',', 'n', (byte) 0xFF, 'm', 'e', '\n', ',', 'A', '\n'});
        Path blocker = write("not-a-folder", new byte[] {1});

        List<Case> cases = List.of(
                new Case(2, Map.of(), "sync", "--config", dir.resolve("nowhere").toString()),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "sync", "--set", "sync.page-size=abc", "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of(), "sync", "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN_FILE", dir.resolve("no-token-file").toString()), "sync", "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", "a-wrong-token"), "sync", "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "sync", "--base-url", closedApi, "--jdbc-url", mirror,
                        "--set", "api.connect.max-retries=0"),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "sync", "--base-url", api, "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none"),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "sync", "--base-url", api, "--jdbc-url", "jdbc:nosuchdb:x"),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "sync", "--base-url", api, "--mirror", "csv",
                        "--csv-dir", blocker.resolve("mirror").toString()),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "import", dir.resolve("missing.csv").toString(), "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "import", dir.toString(), "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "import", duplicateHeader.toString(), "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "import", badHeader.toString(), "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "import", duplicateHeader.toString(), "--mapping", "nosuch", "--base-url", api, "--jdbc-url", mirror),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "export", "contacts", "--out", blocker.resolve("out.csv").toString(), "--jdbc-url", mirror),
                new Case(2, Map.of(), "status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none"),
                new Case(2, Map.of("KLINK_TOKEN", TOKEN), "run", "--base-url", api, "--jdbc-url", mirror, "--port", "-5"),
                new Case(2, Map.of(), "sandbox", "--profile", "nosuch"));

        List<String> leaks = new ArrayList<>();
        for (Case c : cases) {
            Path out = dir.resolve("case" + System.nanoTime() + ".log");
            KlinkProcess process = KlinkProcess.start(c.env(), out, c.args());
            OptionalInt code = process.waitFor(Duration.ofSeconds(120));
            if (code.isEmpty()) {
                process.kill();
            }
            String output = process.output();
            assertThat(code).as("exit of %s, which printed: %s", String.join(" ", c.args()), output).hasValue(c.exit());
            assertThat(output).as("what %s printed", String.join(" ", c.args())).isNotBlank().doesNotContain(TOKEN);
            if (JAVA_LEAK.matcher(output).find()) {
                leaks.add(String.join(" ", c.args()) + "\n" + output);
            }
        }
        assertThat(leaks).as("messages naming Java classes or library internals").isEmpty();
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private record Case(int exit, Map<String, String> env, String... args) {
    }
}
