package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.FaultKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `klink-sync sync --mirror csv`: one file per table, replaced only by a complete pass. */
class SyncIntoCsvMirrorTest {

    @TempDir
    Path dir;

    @Test
    void everyStreamLandsInItsTableFilesAndAFailedPassKeepsThePreviousOnes() throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            f.set("mirror.type", "csv").set("mirror.csv.dir", dir.toString());
            List<SyncRun> runs = f.sync();
            assertThat(runs).allSatisfy(run -> assertThat(run.status()).isEqualTo("success"));

            assertThat(rows("contacts")).hasSize(f.sandbox.store().contacts().count());
            assertThat(rows("conversations")).hasSize(f.sandbox.store().conversations().count());
            assertThat(rows("chat_groups")).hasSize(f.sandbox.store().groups().count());
            assertThat(rows("contact_fields")).hasSize(f.sandbox.store().contactFields().count());
            assertThat(rows("contact_groups")).hasSize(f.sandbox.store().contactGroups().count());
            CSVRecord aria = rows("contacts").stream()
                    .filter(r -> r.get("id").equals("eefdaf75-ed19-4291-8e47-913f1205d02d")).findFirst().orElseThrow();
            assertThat(aria.get("name")).isEqualTo("Aria ");
            assertThat(rows("contact_emails")).anySatisfy(r -> assertThat(r.get("email")).isEqualTo("mistercustomer@gmail.com"));

            String before = Files.readString(dir.resolve("conversations.csv"), StandardCharsets.UTF_8);
            f.sandbox.store().conversations().delete("xgQQXg3hrtjh7AvZ");
            f.sandbox.knobs().failNext(20, FaultKind.SERVER_ERROR);
            SyncRun failed = f.set("api.retry.max-retries", "1").syncOne("conversations");
            assertThat(failed.status()).isEqualTo("failed");
            assertThat(Files.readString(dir.resolve("conversations.csv"), StandardCharsets.UTF_8)).isEqualTo(before);
            try (var files = Files.list(dir)) {
                // Table files, and each stream's lock file: no temp file is left behind.
                assertThat(files.map(p -> p.getFileName().toString()))
                        .allSatisfy(name -> assertThat(name).matches(".*\\.csv|\\..*\\.lock"));
            }

            f.sandbox.knobs().reset();
            assertThat(f.syncOne("conversations").status()).isEqualTo("success");
            assertThat(rows("conversations")).hasSize(f.sandbox.store().conversations().count())
                    .noneSatisfy(r -> assertThat(r.get("id")).isEqualTo("xgQQXg3hrtjh7AvZ"));
        }
    }

    private List<CSVRecord> rows(String table) throws IOException {
        try (CSVParser parser = CSVParser.parse(dir.resolve(table + ".csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            return parser.getRecords();
        }
    }
}
