package io.klinksync.contacts;

import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An import syncs contacts first only when the mirror may not know them; it says why, or why not. */
class ImportMirrorFreshnessTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void onlyAnImportThatChangedContactsMakesTheNextOneFetchWhatItChanged(String vendor) throws Exception {
        // 28 seed contacts in pages of 10: a complete sync takes 3 requests, refreshing one contact 1
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of("sync.page-size", "10"))) {
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
            String id = createdContactId(env);
            assertThat(env.output()).contains("Refreshing the 1 contacts imports changed since the last contacts sync");
            assertThat(contactListRequests(env)).as("no complete sync").isZero();
            assertThat(env.sandbox.requests()).anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/contacts/" + id));
            assertThat(env.contactsNamed("Fresh Person")).as("no duplicate").isEqualTo(1);
            try (Connection c = env.db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM contacts WHERE id = '" + id + "'),"
                         + " (SELECT COUNT(*) FROM sync_runs WHERE stream = 'contacts' AND status = 'refreshed')")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the created contact is in the mirror").isEqualTo(1);
                assertThat(rs.getLong(2)).isEqualTo(1);
            }

            env.importFile(create, false); // the refresh made the mirror know it: unchanged, nothing to sync
            assertThat(contactListRequests(env)).isZero();
            assertThat(env.contactsNamed("Fresh Person")).isEqualTo(1);
        }
    }

    @Test
    void moreChangedContactsThanASyncHasPagesMeansACompleteSync() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox("h2", Map.of("sync.page-size", "100"))) {
            Path many = dir.resolve("many.csv");
            StringBuilder csv = new StringBuilder("name,emails\n");
            for (int i = 0; i < 5; i++) {
                csv.append("Many ").append(i).append(",*many").append(i).append("@example.com\n");
            }
            Files.writeString(many, csv, StandardCharsets.UTF_8);
            env.importFile(many, false); // 5 creates; the mirror's few contacts fit one page
            env.importFile(many, false);
            assertThat(env.output()).contains("Syncing contacts first: imports since the last contacts sync");
            assertThat(contactListRequests(env)).isPositive();
            assertThat(env.contactsNamed("Many 3")).isEqualTo(1);
        }
    }

    private static String createdContactId(ContactsSandbox env) {
        return env.contactNamed("Fresh Person").path("id").asText();
    }

    private static long contactListRequests(ContactsSandbox env) {
        return env.sandbox.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/contacts")).count();
    }
}
