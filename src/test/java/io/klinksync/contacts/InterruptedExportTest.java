package io.klinksync.contacts;

import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C in the middle of an export: the process exits with 130 and the target keeps what it held before, with
 * no partial file beside it; an export that is not interrupted replaces the target whole.
 */
class InterruptedExportTest {

    private static final String TOKEN = "interrupted-export-token";
    private static final int CONTACTS = 250;
    private static final String PREVIOUS = "the previous export\r\n";

    @TempDir
    Path dir;

    @Test
    void ctrlCLeavesThePreviousFileAndNoPartialOne() throws Exception {
        KlinkProcess.assumeCtrlCCanArrive();
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().contacts(CONTACTS).port(0).token(TOKEN));
             TestDatabase db = TestDatabase.h2File(dir)) {
            Path folder = Files.createDirectories(dir.resolve("out"));
            Path target = folder.resolve("contacts.csv");
            Files.writeString(target, PREVIOUS, StandardCharsets.UTF_8);
            sandbox.knobs().latencyMs(700);

            KlinkProcess export = exportProcess(sandbox, db, target, "interrupted.log");
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!contactsPageRequested(sandbox, "2") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(contactsPageRequested(sandbox, "2")).as(export.output()).isTrue();
            export.interrupt();
            OptionalInt code = export.waitFor(Duration.ofSeconds(30));

            assertThat(code).as(export.output()).hasValue(130);
            assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(PREVIOUS);
            assertThat(filesIn(folder)).containsExactly("contacts.csv");
            assertThat(export.output()).doesNotContain("Exception");

            sandbox.knobs().latencyMs(0);
            KlinkProcess complete = exportProcess(sandbox, db, target, "complete.log");
            assertThat(complete.waitFor()).as(complete.output()).isZero();
            assertThat(Files.readAllLines(target, StandardCharsets.UTF_8)).hasSize(sandbox.store().contacts().count() + 1);
            assertThat(filesIn(folder)).containsExactly("contacts.csv");
        }
    }

    private static boolean contactsPageRequested(SandboxServer sandbox, String page) {
        return sandbox.requests().stream().anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/contacts")
                && page.equals(r.queryParam("page")));
    }

    private static List<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private KlinkProcess exportProcess(SandboxServer sandbox, TestDatabase db, Path target, String log) throws Exception {
        return KlinkProcess.start(Map.of("KLINK_TOKEN", TOKEN), dir.resolve(log), "export", "contacts", "--live",
                "--out", target.toString(), "--base-url", sandbox.baseUrl(), "--jdbc-url", db.url(),
                "--set", "mirror.jdbc.user=" + db.user());
    }
}
