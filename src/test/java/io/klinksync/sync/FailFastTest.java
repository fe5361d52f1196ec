package io.klinksync.sync;

import io.klinksync.api.ApiUnreachableException;
import io.klinksync.api.Profile;
import io.klinksync.config.Settings;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An API that cannot be reached or refuses the token: the command stops within seconds with exit code 2 and
 * one line saying what and where, tries no further stream, and never shows the token.
 */
class FailFastTest {

    private static final String TOKEN = "fail-fast-token-4b9e21";
    /**
     * From the command's first log line (the JVM and Camel are up) to its exit. The JVM's own start is left out: on
     * a loaded test machine it alone can take longer than the whole run takes on an idle one.
     */
    private static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aClosedPortStopsSyncWithinSecondsTryingOnlyTheFirstStream() throws Exception {
        String baseUrl = "http://127.0.0.1:" + closedPort() + "/api/v1";
        KlinkProcess sync = KlinkProcess.start(Map.of("KLINK_TOKEN", TOKEN), dir.resolve("sync.log"),
                "sync", "--base-url", baseUrl, "--mirror", "csv", "--csv-dir", dir.resolve("csv").toString());
        int exit = sync.waitFor();
        Duration took = sinceFirstLogLine(sync.output());
        String output = sync.output();

        assertThat(exit).as(output).isEqualTo(2);
        assertThat(took).as(output).isLessThan(QUICK);
        String error = theOneErrorLine(output, "sync");
        assertThat(error).contains(baseUrl).contains("profile klink").contains("stream " + firstStream())
                .contains("Connection refused").contains("api.base-url");
        assertThat(linesContaining(output, "syncing from")).as("streams tried").hasSize(1);
        assertThat(output).doesNotContain(TOKEN);
    }

    @Test
    void aRefusedTokenStopsSyncImportAndExportWithExitCode2() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().port(0).token(TOKEN))) {
            Map<String, String> wrongToken = Map.of("KLINK_TOKEN", TOKEN + "-wrong");
            String jdbcUrl = "jdbc:h2:file:" + dir.resolve("mirror") + ";NON_KEYWORDS=VALUE";

            KlinkProcess sync = KlinkProcess.start(wrongToken, dir.resolve("sync.log"), "sync",
                    "--base-url", sandbox.baseUrl(), "--jdbc-url", jdbcUrl);
            int syncExit = sync.waitFor();
            Duration took = sinceFirstLogLine(sync.output());
            assertThat(syncExit).as(sync.output()).isEqualTo(2);
            assertThat(took).isLessThan(QUICK);
            assertThat(theOneErrorLine(sync.output(), "sync")).contains("401").contains("profile klink")
                    .contains(sandbox.baseUrl()).contains("KLINK_TOKEN");
            String firstPath = java.net.URI.create(sandbox.baseUrl()).getPath() + sandbox.deployment().path(firstStream());
            assertThat(sandbox.requests()).as("only the first stream was tried").hasSize(1)
                    .extracting(RecordedRequest::path).containsOnly(firstPath);

            KlinkProcess importing = KlinkProcess.start(wrongToken, dir.resolve("import.log"), "import",
                    Path.of("samples", "contacts", "contacts.csv").toAbsolutePath().toString(),
                    "--base-url", sandbox.baseUrl(), "--jdbc-url", jdbcUrl);
            assertThat(importing.waitFor()).as(importing.output()).isEqualTo(2);
            assertThat(theOneErrorLine(importing.output(), "import")).contains("401").contains(sandbox.baseUrl());

            KlinkProcess export = KlinkProcess.start(wrongToken, dir.resolve("export.log"), "export", "contacts",
                    "--live", "--out", dir.resolve("out.csv").toString(), "--base-url", sandbox.baseUrl(),
                    "--jdbc-url", jdbcUrl);
            assertThat(export.waitFor()).as(export.output()).isEqualTo(2);
            assertThat(theOneErrorLine(export.output(), "export")).contains("401").contains(sandbox.baseUrl());

            for (KlinkProcess process : List.of(sync, importing, export)) {
                assertThat(process.output()).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void aTlsFailureGetsTheQuickConnectRetriesAndStopsTheSync() throws Exception {
        // A server that hangs up on every connection: each TLS handshake fails.
        try (SyncFixture f = new SyncFixture("h2"); ServerSocket hangsUp = new ServerSocket(0)) {
            AtomicInteger connections = new AtomicInteger();
            Thread server = new Thread(() -> {
                while (!hangsUp.isClosed()) {
                    try (Socket socket = hangsUp.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            String https = "https://127.0.0.1:" + hangsUp.getLocalPort() + "/api/v1";
            f.set("api.base-url", https).set("api.connect.max-retries", "2").set("api.connect.retry-delay", "100");

            assertThatThrownBy(() -> f.sync("contacts", "conversations"))
                    .isInstanceOf(ApiUnreachableException.class)
                    .hasMessageContaining("TLS").hasMessageContaining(https).hasMessageContaining("stream contacts");
            assertThat(connections.get()).as("the first try and the 2 connect retries, not api.retry.max-retries")
                    .isEqualTo(3);
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'failed'")).as("only contacts tried").isEqualTo(1);
        }
    }

    /** The command's own closing line; nothing else in the output is a stack trace or names a Java class. */
    private static String theOneErrorLine(String output, String command) {
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
        List<String> errors = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith(command + ": ")) {
                errors.add(line);
            }
        }
        assertThat(errors).as(output).hasSize(1);
        return errors.get(0);
    }

    /** From the time stamp of the output's first log line until now (the process has just exited). */
    private static Duration sinceFirstLogLine(String output) {
        LocalTime first = LocalTime.parse(output.substring(0, "HH:mm:ss.SSS".length()));
        Duration took = Duration.between(first, LocalTime.now());
        return took.isNegative() ? took.plusDays(1) : took;
    }

    private static List<String> linesContaining(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).toList();
    }

    private static String firstStream() {
        Settings settings = Settings.load(Path.of("config"), Map.of(), Map.of("profile", "klink"));
        return Profile.from(settings).streams().keySet().iterator().next();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
