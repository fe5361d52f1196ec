package io.klinksync.contacts;

import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
            MirrorExport.run(env.runtime.settings(), env.runtime.database(), exported,
                    new ContactExport.Options(false, false, true));
            assertThat(Files.readString(exported, StandardCharsets.UTF_8)).contains("မောင်မောင်").contains("seen on " + vendor);
            env.sandbox.clearRequests();
            ImportReport again = env.importFile(exported, false);
            assertThat(env.writes()).isEmpty();
            assertThat(again.exitCode()).isZero();
        }
    }

    /**
     * An email in other letters than ASCII matches whatever its case: SQLite's lower() folds ASCII alone, so there
     * the mirror's email_key is folded by the writer, as the other vendors' lower() folds it.
     */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void aNonAsciiUpperCaseEmailFindsTheExistingContact(String vendor) throws Exception {
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of())) {
            Path first = dir.resolve("elodie.csv");
            Files.writeString(first, "name,emails\nÉlodie Ünal,*élodie.ünal@example.com\n", StandardCharsets.UTF_8);
            assertThat(env.importFile(first, false).counts().created()).isEqualTo(1);
            env.runtime.syncContacts();
            env.sandbox.clearRequests();

            Path again = dir.resolve("elodie-upper.csv");
            Files.writeString(again, "name,emails,notes\nÉlodie Ünal,*ÉLODIE.ÜNAL@EXAMPLE.COM,matched by email\n",
                    StandardCharsets.UTF_8);
            ImportReport report = env.importFile(again, false);

            assertThat(report.counts().created()).as(env.output()).isZero();
            assertThat(report.counts().updated()).isEqualTo(1);
            assertThat(env.contactsNamed("Élodie Ünal")).as("no duplicate contact").isEqualTo(1);
            assertThat(env.contactNamed("Élodie Ünal").path("notes").asText()).isEqualTo("matched by email");
            try (Connection c = env.db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT email_key FROM contact_emails WHERE email = 'élodie.ünal@example.com'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("élodie.ünal@example.com");
            }
        }
    }

    /** Before V9, MariaDB's ledger columns were TEXT (64 KB): a longer cell failed its row there alone. */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void aCellOf100KilobytesIsImportedWholeOnEveryDatabase(String vendor) throws Exception {
        String notes = "ကျော်".repeat(6_000) + "n".repeat(40_000); // 100 KB of UTF-8 (Myanmar script is 3 bytes a character)
        assertThat(notes.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(100_000);
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of())) {
            Path file = dir.resolve("long-cell.csv");
            Files.writeString(file, "name,emails,notes\nLong Notes," + "*long.notes@example.com," + notes + "\n", StandardCharsets.UTF_8);

            ImportReport report = env.importFile(file, false);

            assertThat(report.counts().created()).as(env.output()).isEqualTo(1);
            assertThat(report.exitCode()).isZero();
            assertThat(env.contactNamed("Long Notes").path("notes").asText()).isEqualTo(notes);
            try (Connection c = env.db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT changes FROM import_rows")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains(notes);
            }
        }
    }

    /** In-file duplicates are found through the ledger, a batch at a time, also across batches; the keys are then forgotten. */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void duplicateKeysAcrossBatchesAreFoundAndTheirKeysForgotten(String vendor) throws Exception {
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of("import.ledger.batch-size", "2"))) {
            Path file = dir.resolve("twins.csv");
            Files.writeString(file, "name,emails,phones\n"
                    + "One,*one@example.com,*09 100 000 001\n"
                    + "Two,*two@example.com,*09 100 000 002\n"
                    + "\n"
                    + "Three,*ONE@example.com,*09 100 000 003\n"      // line 5: email of line 2, in a later batch
                    + "Four,*four@example.com,*09 100 000 002\n"      // line 6: phone of line 3
                    + "Five,*five@example.com,*09 100 000 005\n"
                    + "Six,*five@example.com,*09 100 000 006\n", StandardCharsets.UTF_8); // line 8: email of line 7, same batch

            for (boolean dryRun : new boolean[] {true, false}) {
                ImportReport report = env.importFile(file, dryRun);

                assertThat(report.counts().created()).isEqualTo(3);
                assertThat(report.counts().invalid()).isEqualTo(3);
                String reasons = dryRun ? env.output() : Files.readString(report.errorsFile(), StandardCharsets.UTF_8);
                assertThat(reasons)
                        .contains("line 5, record 3, column emails: duplicate key one@example.com already used by line 2, record 1")
                        .contains("line 6, record 4, column phones: duplicate key 09 100 000 002 already used by line 3, record 2")
                        .contains("line 8, record 6, column emails: duplicate key five@example.com already used by line 7, record 5");
                assertThat(keyTables(env)).as("the file's key table is dropped once it is planned").isEmpty();
            }
        }
    }
    /** A file with tens of thousands of keys: its key table goes when planning ends. */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void theKeysOfALargeFileAreAllForgotten(String vendor) throws Exception {
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of())) {
            Path file = dir.resolve("large.csv");
            StringBuilder csv = new StringBuilder("name,emails,phones\n");
            for (int i = 0; i < 11_000; i++) {
                csv.append("Person ").append(i).append(",*p").append(i).append("@example.com,*09 ").append(200_000_000 + i).append('\n');
            }
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            long scratchBefore = scratchFolders();

            ImportReport report = env.importFile(file, true);

            assertThat(report.counts().created()).isEqualTo(11_000);
            assertThat(scratchFolders()).as("H2's scratch database of the keys is deleted").isEqualTo(scratchBefore);
            assertThat(keyTables(env)).as("the file's key table is dropped once it is planned").isEmpty();
        }
    }

    /**
     * The ledger's promise: a create is marked 'sending' in a commit before its request leaves, so that a process
     * killed while the request is out resumes by looking the contact up. Another connection sees the mark while
     * the sandbox holds the request.
     */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void aCreateIsMarkedSendingInACommitBeforeItsRequestLeaves(String vendor) throws Exception {
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of())) {
            Path file = dir.resolve("one-create.csv");
            Files.writeString(file, "name,emails\nMarked First,*marked.first@example.com\n", StandardCharsets.UTF_8);
            env.sandbox.knobs().latencyMs(1500);
            java.util.concurrent.CompletableFuture<ImportReport> running =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> env.importFile(file, false));
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!running.isDone() && System.nanoTime() < deadline) {
                try (Connection c = env.db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT status FROM import_rows WHERE action = 'create'")) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                } catch (java.sql.SQLException e) {
                    // no ledger tables yet
                }
                Thread.sleep(20);
            }
            ImportReport report = running.get();
            assertThat(report.counts().created()).isEqualTo(1);
            assertThat(seen).as("statuses another connection saw while the import ran").contains("sending");
            try (Connection c = env.db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT status FROM import_rows WHERE action = 'create'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("done");
            }
        }
    }

    static final java.util.List<String> EMBEDDED = java.util.List.of("h2", "sqlite");

    /**
     * An embedded mirror's file holds none of a dry run's keys, not even while it plans (a killed dry run would
     * leave them, and SQLite keeps a dropped table's pages in the file): they live in a scratch database.
     */
    @ParameterizedTest
    @FieldSource("EMBEDDED")
    void aDryRunLeavesTheEmbeddedMirrorsTablesAsTheyWere(String vendor) throws Exception {
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of("import.ledger.batch-size", "2"))) {
            Path file = dir.resolve("plan.csv");
            StringBuilder csv = new StringBuilder("name,emails,phones\n");
            for (int i = 0; i < 20; i++) {
                csv.append("Planned ").append(i).append(",*planned").append(i).append("@example.com,*09 3").append(i).append('\n');
            }
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            java.util.List<String> before = tables(env);
            java.util.List<java.util.List<String>> whilePlanning = new java.util.ArrayList<>();
            java.io.PrintStream out = new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8) {
                @Override
                public void println(String line) {
                    if (line.startsWith("line 10,")) {
                        try {
                            whilePlanning.add(tables(env));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };

            ImportReport report = env.runtime.importer(env.settings(), out).run(file, true, null);

            assertThat(report.counts().created()).isEqualTo(20);
            assertThat(whilePlanning).as("tables while the dry run plans").containsExactly(before);
            assertThat(tables(env)).as("tables after the dry run").isEqualTo(before);
        }
    }

    private static java.util.List<String> tables(ContactsSandbox env) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = env.db.connect();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    private static java.util.List<String> keyTables(ContactsSandbox env) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = env.db.connect();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (name.startsWith("import_keys")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static long scratchFolders() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("klink-import-keys-")).count();
        }
    }
}
