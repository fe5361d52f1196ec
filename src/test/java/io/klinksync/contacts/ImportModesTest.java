package io.klinksync.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.cli.KlinkSync;
import io.klinksync.sandbox.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportModesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARIA = "eefdaf75-ed19-4291-8e47-913f1205d02d";
    private static final String FILE = "name,phones,notes\nAria ,*09797877765,mode test\nMode New,*+95 9 420 777 888,\n";

    @TempDir
    Path dir;

    private Path csv() throws Exception {
        Path file = dir.resolve("modes.csv");
        Files.writeString(file, FILE, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void createOnlyCreatesNewRowsAndRefusesExistingOnes() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            ImportReport report = env.importFile(csv(), false, env.settings().withMode(ImportPlanner.Mode.CREATE_ONLY));
            assertThat(report.counts().created()).isEqualTo(1);
            assertThat(report.counts().invalid()).isEqualTo(1);
            assertThat(env.writes()).extracting(RecordedRequest::method).containsExactly("POST");
            assertThat(Files.readString(report.errorsFile())).contains("contact " + ARIA + " already exists").contains("create-only");
        }
    }

    @Test
    void updateOnlyUpdatesExistingRowsAndRefusesNewOnes() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            ImportReport report = env.importFile(csv(), false, env.settings().withMode(ImportPlanner.Mode.UPDATE_ONLY));
            assertThat(report.counts().updated()).isEqualTo(1);
            assertThat(report.counts().invalid()).isEqualTo(1);
            assertThat(env.writes()).extracting(RecordedRequest::method).containsExactly("PUT");
            assertThat(Files.readString(report.errorsFile())).contains("update-only");
        }
    }

    @Test
    void aProfileThatUpdatesWithPatchGetsPatch() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox("h2", Map.of("profile", "klink-gateway"))) {
            ImportReport report = env.importFile(csv(), false);
            assertThat(report.exitCode()).isZero();
            RecordedRequest update = env.writes().stream().filter(r -> !r.method().equals("POST")).findFirst().orElseThrow();
            assertThat(update.method()).isEqualTo("PATCH");
            assertThat(update.path()).endsWith("/contacts/" + ARIA);
            assertThat(JSON.readTree(update.body())).isEqualTo(JSON.readTree(
                    "{\"notes\":\"mode test\",\"specific_update_fields\":[\"notes\"]}"));
        }
    }

    @Test
    void exportCommandWritesTheMirrorsContactsWithoutAToken() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path out = dir.resolve("cli-export.csv");
            int exit = KlinkSync.execute("export", "contacts", "--out", out.toString(), "--jdbc-url", env.db.url(),
                    "--excel");
            assertThat(exit).isZero();
            assertThat(Files.readAllBytes(out)).startsWith(0xEF, 0xBB, 0xBF);
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains(ARIA + ";\"Aria \";");
        }
    }
}
