package io.klinksync.contacts;

import io.klinksync.testing.Serving;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The import inbox of `klink-sync run`: dropped files are imported and filed under done/ or failed/. */
class ImportInboxTest {

    @TempDir
    Path dir;
    ContactsSandbox env;
    Serving run;

    @AfterEach
    void stop() throws InterruptedException {
        if (run != null) {
            run.close();
        }
        if (env != null) {
            env.close();
        }
    }

    /** `klink-sync run` on the sandbox, watching the inbox; answers a notifier for the first imported file. */
    private NotifyBuilder run(Path inbox) throws Exception {
        Map<String, String> settings = new HashMap<>(Serving.NO_SCHEDULES);
        settings.putAll(Map.of("import.inbox.dir", inbox.toString(), "import.inbox.poll-delay", "100",
                "import.inbox.read-lock-interval", "200", "server.port", String.valueOf(Serving.freePort())));
        env = new ContactsSandbox("h2", settings);
        run = Serving.prepare(env.runtime.settings(), env.sandbox.token());
        NotifyBuilder imported = new NotifyBuilder(run.runtime().context()).fromRoute("import-inbox").whenDone(1).create();
        run.start();
        return imported;
    }

    @Test
    void aDroppedCsvIsImportedAndMovedToDoneWithItsResults() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        NotifyBuilder imported = run(inbox);

        Path staged = dir.resolve("people.csv");
        Files.writeString(staged, "name,emails\nInbox Person,*inbox.person@example.com\n", StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve("people.csv"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(imported.matches(60, TimeUnit.SECONDS)).isTrue();
        assertThat(inbox.resolve("done/people.csv")).exists();
        assertThat(inbox.resolve("done/people.success.csv")).content(StandardCharsets.UTF_8).contains("Inbox Person,");
        assertThat(inbox.resolve("done/people.errors.csv")).exists();
        assertThat(inbox.resolve("people.csv")).doesNotExist();
        assertThat(env.contactsNamed("Inbox Person")).isEqualTo(1);
    }

    @Test
    void aFileWithFailedRowsGoesToFailedWithItsErrors() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        NotifyBuilder imported = run(inbox);

        Path staged = dir.resolve("bad.csv");
        Files.writeString(staged, "name,emails\nNo Mail,not-an-email\n", StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve("bad.csv"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(imported.matches(60, TimeUnit.SECONDS)).isTrue();
        assertThat(inbox.resolve("failed/bad.csv")).exists();
        assertThat(inbox.resolve("failed/bad.errors.csv")).content(StandardCharsets.UTF_8).contains("not an email address");
        assertThat(env.writes()).isEmpty();
    }
}
