package io.klinksync.contacts;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ImportInboxTest {

    @TempDir
    Path dir;
    ContactsSandbox env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    private ContactsSandbox start(Path inbox) {
        return new ContactsSandbox("h2", Map.of("import.inbox.enabled", "true", "import.inbox.dir", inbox.toString(),
                "import.inbox.poll-delay", "100", "import.inbox.read-lock-interval", "200"));
    }

    @Test
    void aDroppedCsvIsImportedAndMovedToDoneWithItsResults() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        env = start(inbox);
        NotifyBuilder imported = new NotifyBuilder(env.runtime.runtime().context()).fromRoute("import-inbox").whenDone(1).create();

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
        env = start(inbox);
        NotifyBuilder imported = new NotifyBuilder(env.runtime.runtime().context()).fromRoute("import-inbox").whenDone(1).create();

        Path staged = dir.resolve("bad.csv");
        Files.writeString(staged, "name,emails\nNo Mail,not-an-email\n", StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve("bad.csv"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(imported.matches(60, TimeUnit.SECONDS)).isTrue();
        assertThat(inbox.resolve("failed/bad.csv")).exists();
        assertThat(inbox.resolve("failed/bad.errors.csv")).content(StandardCharsets.UTF_8).contains("not an email address");
        assertThat(env.writes()).isEmpty();
    }
}
