package io.klinksync.contacts;

import io.klinksync.sandbox.FaultKind;
import io.klinksync.sandbox.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class ImportResumeAndFaultsTest {

    private static final String FILE = "name,emails,phones\n"
            + "Resume One,*resume.one@example.com,\n"
            + "Resume Two,*resume.two@example.com,+95 9 111 222 333\n"
            + "Resume Three,*resume.three@example.com,\n";

    @TempDir
    Path dir;
    @AutoClose
    final ContactsSandbox env = new ContactsSandbox();

    private Path csv() throws Exception {
        Path file = dir.resolve("resume.csv");
        Files.writeString(file, FILE, StandardCharsets.UTF_8);
        return file;
    }

    private long posts() {
        return env.sandbox.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void resumingARunKilledAfterItsPostsLeftCreatesNoDuplicate() throws Exception {
        Path file = csv();
        ImportReport first = env.importFile(file, false);
        assertThat(first.counts().created()).isEqualTo(3);
        // As if the process died after the POSTs of rows 2 and 3 left but before their outcome was recorded, and
        // before row 4 was sent: the ledger says 'sending' / 'planned' and the run never finished.
        try (Connection c = env.db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE import_rows SET status = 'sending', contact_id = NULL WHERE row_number IN (2, 3)");
            s.executeUpdate("UPDATE import_rows SET status = 'planned', contact_id = NULL WHERE row_number = 4");
            s.executeUpdate("UPDATE import_runs SET status = 'sending', ended_at = NULL");
        }
        String createdThree = env.contactNamed("Resume Three").path("id").asText();
        env.sandbox.store().contacts().delete(createdThree); // row 4's POST never really happened
        env.sandbox.clearRequests();

        ImportReport resumed = env.importFile(file, false);

        assertThat(resumed.runId()).isEqualTo(first.runId());
        assertThat(env.output()).contains("Resuming import run " + first.runId());
        assertThat(posts()).isEqualTo(1); // only row 4
        assertThat(env.sandbox.requests()).filteredOn(r -> r.method().equals("GET"))
                .extracting(RecordedRequest::queryParams).allSatisfy(q -> assertThat(q).containsKey("keyword"));
        assertThat(env.contactsNamed("Resume One")).isEqualTo(1);
        assertThat(env.contactsNamed("Resume Two")).isEqualTo(1);
        assertThat(env.contactsNamed("Resume Three")).isEqualTo(1);
        assertThat(resumed.counts().created()).isEqualTo(3);
        assertThat(resumed.exitCode()).isZero();
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithoutDuplicates() throws Exception {
        env.sandbox.knobs().failNext(2, FaultKind.RATE_LIMITED, "/contacts");
        env.sandbox.knobs().failNext(2, FaultKind.SERVER_ERROR, "/contacts");

        ImportReport report = env.importFile(csv(), false);

        assertThat(report.exitCode()).isZero();
        assertThat(report.counts().created()).isEqualTo(3);
        assertThat(env.sandbox.requests()).extracting(RecordedRequest::status).contains(429, 500);
        assertThat(env.contactsNamed("Resume One")).isEqualTo(1);
        assertThat(env.contactsNamed("Resume Two")).isEqualTo(1);
        assertThat(env.contactsNamed("Resume Three")).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionIsRetriedAndCreatesExactlyOneContact() throws Exception {
        env.sandbox.knobs().failNext(1, FaultKind.DISCONNECT, "/contacts");

        ImportReport report = env.importFile(csv(), false);

        assertThat(report.exitCode()).isZero();
        assertThat(env.contactsNamed("Resume One")).isEqualTo(1);
        assertThat(env.contactsNamed("Resume Two")).isEqualTo(1);
        assertThat(env.contactsNamed("Resume Three")).isEqualTo(1);
    }
}
