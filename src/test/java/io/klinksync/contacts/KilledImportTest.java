package io.klinksync.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.bench.ImportWorkload;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of an import process in the middle of sending, with the ledger written a few rows per transaction:
 * the same import run again resumes it, creates no duplicate and does not send again what the ledger recorded
 * as done. On every vendor: the embedded ones (H2, SQLite) from a file the next process opens.
 */
class KilledImportTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    private static final String TOKEN = "killed-import-token";
    private static final int ROWS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.FieldSource("VENDORS")
    void aResumedRunAfterAKillCreatesNoDuplicateAndResendsNoFinishedRow(String vendor) throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().contacts(ROWS).port(0).token(TOKEN));
             TestDatabase db = vendor.equals("h2") ? TestDatabase.h2File(dir) : TestDatabase.create(vendor)) {
            int before = sandbox.store().contacts().count();
            List<String> existing = new ArrayList<>(sandbox.store().contacts().ids());
            Path csv = dir.resolve("contacts.csv");
            new ImportWorkload(existing, ROWS).writeCsv(csv);
            sandbox.knobs().latencyMs(20);

            KlinkProcess killed = importProcess(sandbox, db, csv, "killed.log");
            long deadline = System.nanoTime() + 180_000_000_000L; // a child JVM starts slowly on a busy machine
            while (targets(sandbox.requests()).size() < ROWS / 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            killed.kill();

            Set<Long> doneAtKill = new HashSet<>();
            Set<String> finished = new HashSet<>(); // contact id of an update, name of a create
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + (vendor.equals("mariadb") ? "`row_number`" : "row_number")
                         + ", action, contact_id, request_body FROM import_rows WHERE status = 'done'")) {
                while (rs.next()) {
                    doneAtKill.add(rs.getLong(1));
                    finished.add(rs.getString(2).equals("create")
                            ? JSON.readTree(rs.getString(4)).path("name").asText() : rs.getString(3));
                }
            }
            assertThat(doneAtKill).as(killed.output()).isNotEmpty().hasSizeLessThan(ROWS);
            sandbox.clearRequests();
            sandbox.knobs().latencyMs(0);

            KlinkProcess resumed = importProcess(sandbox, db, csv, "resumed.log");
            assertThat(resumed.waitFor()).as(resumed.output()).isZero();

            assertThat(resumed.output()).contains("Resuming import run 1");
            assertThat(targets(sandbox.requests())).isNotEmpty().doesNotContainAnyElementsOf(finished);
            assertThat(sandbox.store().contacts().count()).isEqualTo(before + ImportWorkload.creates(ROWS));
            List<String> created = sandbox.store().contacts().ids().stream()
                    .map(id -> sandbox.store().contacts().get(id).path("name").asText())
                    .filter(name -> name.startsWith("Bench Contact ")).toList();
            assertThat(created).hasSize(ImportWorkload.creates(ROWS)).doesNotHaveDuplicates();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM import_rows WHERE status = 'done'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ROWS);
            }
        }
    }

    private KlinkProcess importProcess(SandboxServer sandbox, TestDatabase db, Path csv, String log) throws Exception {
        return KlinkProcess.start(Map.of("KLINK_TOKEN", TOKEN), dir.resolve(log), "import", csv.toString(),
                "--base-url", sandbox.baseUrl(), "--jdbc-url", db.url(), "--set", "mirror.jdbc.user=" + db.user(),
                "--set", "mirror.jdbc.password=" + db.password(),
                "--set", "import.ledger.flush-rows=10");
    }

    /** What each write request was for: the name of a created contact, the id of an updated one. */
    private static List<String> targets(List<RecordedRequest> requests) throws Exception {
        List<String> targets = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.method().equals("POST")) {
                targets.add(JSON.readTree(r.body()).path("name").asText());
            } else if (r.method().equals("PUT")) {
                targets.add(r.path().substring(r.path().lastIndexOf('/') + 1));
            }
        }
        return targets;
    }
}
