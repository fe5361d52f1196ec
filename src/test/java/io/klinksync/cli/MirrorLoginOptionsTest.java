package io.klinksync.cli;

import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --jdbc-user and --jdbc-password-file reach the database, and the password is never printed. */
class MirrorLoginOptionsTest {

    private static final String TOKEN = "login-test-token-2b9d";
    private static final String PASSWORD = "pw-from-a-file-93c1";

    @TempDir
    Path dir;

    @Test
    void thePasswordFileOpensTheMirrorAndStaysOutOfTheOutput() throws Exception {
        Path passwordFile = dir.resolve("mirror-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        String url = "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath() + ";NON_KEYWORDS=VALUE";
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().profile("klink").port(0).token(TOKEN))) {
            Outcome outcome = run("sync", "--stream", "contact_fields", "--base-url", sandbox.baseUrl(), "--jdbc-url", url,
                    "--jdbc-user", "etl", "--jdbc-password-file", passwordFile.toString());
            assertThat(outcome.code()).as(outcome.output()).hasValue(0);
            assertThat(outcome.output()).doesNotContain(PASSWORD);
        }
        String plain = url + ";IFEXISTS=TRUE";
        try (Connection c = DriverManager.getConnection(plain, "etl", PASSWORD)) {
            assertThat(c.isValid(1)).isTrue(); // the database was created as etl with the file's password
        }
        assertThatThrownBy(() -> DriverManager.getConnection(plain, "etl", "")).isInstanceOf(SQLException.class);
    }

    @Test
    void theUserOptionReachesPostgresql() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Outcome outcome = run("status", "--jdbc-url", db.url(), "--jdbc-user", "no_such_role_7e1");
            assertThat(outcome.code()).hasValue(2);
            assertThat(outcome.output()).contains("no_such_role_7e1");
        }
    }

    @Test
    void anUnreadablePasswordFileIsNamed() throws Exception {
        Outcome outcome = run("status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test",
                "--jdbc-password-file", dir.resolve("missing").toString());
        assertThat(outcome.code()).hasValue(2);
        assertThat(outcome.output()).contains("mirror.jdbc.password-file names " + dir.resolve("missing")).contains("cannot be read");
    }

    private Outcome run(String... args) throws Exception {
        Path out = dir.resolve("out" + System.nanoTime() + ".log");
        KlinkProcess process = KlinkProcess.start(Map.of("KLINK_TOKEN", TOKEN), out, args);
        OptionalInt code = process.waitFor(Duration.ofSeconds(120));
        if (code.isEmpty()) {
            process.kill();
        }
        return new Outcome(code, process.output());
    }

    private record Outcome(OptionalInt code, String output) {
    }
}
