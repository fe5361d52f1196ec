package io.klinksync.contacts;

import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportOnEveryDatabaseTest {

    static final java.util.List<String> VENDORS = TestDatabase.VENDORS;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void emptyMirrorIsSyncedFirstThenLedgerAndRoundTripWork(String vendor) throws Exception {
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of(), false)) {
            Path file = dir.resolve("mixed.csv");
            Files.writeString(file, "name,phones,notes\nAria ,*09797877765,seen on " + vendor
                    + "\nမောင်မောင်,*+95 9 420 555 666,\n", StandardCharsets.UTF_8);

            ImportReport report = env.importFile(file, false);

            assertThat(env.output()).contains("Syncing contacts first: the mirror has no contacts yet");
            assertThat(report.counts().updated()).isEqualTo(1); // Aria matched by phone after the sync
            assertThat(report.counts().created()).isEqualTo(1);
            assertThat(report.exitCode()).isZero();

            env.runtime.syncContacts();
            Path exported = dir.resolve("export.csv");
            new ContactExport(new MultiValue("|")).fromMirror(env.runtime.mirror(), exported,
                    new ContactExport.Options(false, false, true));
            assertThat(Files.readString(exported, StandardCharsets.UTF_8)).contains("မောင်မောင်").contains("seen on " + vendor);
            env.sandbox.clearRequests();
            ImportReport again = env.importFile(exported, false);
            assertThat(env.writes()).isEmpty();
            assertThat(again.exitCode()).isZero();
        }
    }
}
