package io.klinksync.contacts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An import syncs contacts first only when the mirror may not know them; it says why, or why not. */
class ImportMirrorFreshnessTest {

    @TempDir
    Path dir;

    @Test
    void onlyAnImportThatChangedContactsMakesTheNextOneSyncFirst() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox("h2", Map.of())) {
            Path create = dir.resolve("new.csv");
            Files.writeString(create, "name,emails\nFresh Person,*fresh.person@example.com\n", StandardCharsets.UTF_8);
            Path invalid = dir.resolve("invalid.csv");
            Files.writeString(invalid, "name,emails\nNobody,*not-an-email\n", StandardCharsets.UTF_8);

            env.importFile(invalid, false);
            assertThat(env.output()).contains("No contacts sync needed");
            assertThat(contactListRequests(env)).as("the mirror was synced when the fixture started").isZero();

            env.importFile(invalid, false); // same file again: nothing it did changed a contact
            assertThat(contactListRequests(env)).isZero();

            env.importFile(create, false);
            assertThat(contactListRequests(env)).isZero();

            env.importFile(create, false); // the mirror must learn the contact the last import created
            assertThat(env.output()).contains("Syncing contacts first: the mirror's contacts were synced before the last"
                    + " import that changed contacts ended");
            assertThat(contactListRequests(env)).isPositive();
            assertThat(env.contactsNamed("Fresh Person")).as("no duplicate").isEqualTo(1);
        }
    }

    private static long contactListRequests(ContactsSandbox env) {
        return env.sandbox.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/contacts")).count();
    }
}
