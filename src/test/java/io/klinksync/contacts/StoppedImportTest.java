package io.klinksync.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.bench.ImportWorkload;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to an import process in the middle of sending: the requests in flight finish and are recorded (every
 * request the API received has its outcome in the ledger), the run is `interrupted` with the counts its rows say, the process exits with 143 within
 * shutdown.grace, and the same import run again completes the work without sending any create twice.
 */
class StoppedImportTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    private static final String TOKEN = "stopped-import-token";
    private static final int ROWS = 200;
    private static final int CONCURRENCY = 4;
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void sigtermStopsCleanlyAndTheSameImportResumesWithoutDuplicates(String vendor) throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().contacts(ROWS).port(0).token(TOKEN));
             TestDatabase db = vendor.equals("h2") ? TestDatabase.h2File(dir) : TestDatabase.create(vendor)) {
            int before = sandbox.store().contacts().count();
            Path csv = dir.resolve("contacts.csv");
            new ImportWorkload(new ArrayList<>(sandbox.store().contacts().ids()), ROWS).writeCsv(csv);
            sandbox.knobs().latencyMs(30);

            KlinkProcess stopped = importProcess(sandbox, db, csv, "stopped.log");
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (writes(sandbox).size() < ROWS / 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(writes(sandbox).size()).as(stopped.output()).isLessThan(ROWS);
            long signalled = System.nanoTime();
            stopped.terminate();
            OptionalInt code = stopped.waitFor(GRACE.plusSeconds(20));
            Duration toExit = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.println("StoppedImportTest[" + vendor + "]: SIGTERM to exit " + toExit.toMillis() + " ms");

            assertThat(code).as(stopped.output()).hasValue(143);
            assertThat(toExit).as(stopped.output()).isLessThan(GRACE);
            assertThat(stopped.output()).contains("interrupted").doesNotContain("Exception");
            long doneAtStop = assertRunIsInterruptedWithTheCountsOfItsRows(db);
            // Every request that left finished and has its outcome in the ledger: none was cut off or left unrecorded.
            assertThat(writes(sandbox, "POST")).isEqualTo(count(db, "SELECT COUNT(*) FROM import_rows"
                    + " WHERE action = 'create' AND status = 'done'"));
            assertThat(writes(sandbox, "PUT")).isEqualTo(count(db, "SELECT COUNT(*) FROM import_rows"
                    + " WHERE action = 'update' AND status = 'done'"));
            assertThat(Files.readAllLines(ImportFiles.success(csv), StandardCharsets.UTF_8)).hasSize((int) doneAtStop + 1);

            sandbox.knobs().latencyMs(0);
            KlinkProcess resumed = importProcess(sandbox, db, csv, "resumed.log");
            assertThat(resumed.waitFor()).as(resumed.output()).isZero();

            assertThat(resumed.output()).contains("Resuming import run 1");
            Map<String, Long> postsPerName = writes(sandbox).stream().filter(r -> r.method().equals("POST"))
                    .collect(Collectors.groupingBy(StoppedImportTest::name, Collectors.counting()));
            assertThat(postsPerName).hasSize(ImportWorkload.creates(ROWS));
            assertThat(postsPerName.values()).as("POSTs per new contact, both runs").containsOnly(1L);
            List<String> created = sandbox.store().contacts().ids().stream()
                    .map(id -> sandbox.store().contacts().get(id).path("name").asText())
                    .filter(name -> name.startsWith("Bench Contact ")).toList();
            assertThat(created).hasSize(ImportWorkload.creates(ROWS)).doesNotHaveDuplicates();
            assertThat(sandbox.store().contacts().count()).isEqualTo(before + ImportWorkload.creates(ROWS));
            assertThat(count(db, "SELECT COUNT(*) FROM import_rows WHERE status = 'done'")).isEqualTo(ROWS);
            assertThat(count(db, "SELECT COUNT(*) FROM import_runs WHERE status = 'success'")).isEqualTo(1);
        }
    }

    /** The run's stored counts against its rows' outcomes; answers the rows done. */
    private static long assertRunIsInterruptedWithTheCountsOfItsRows(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, rows_total, rows_created, rows_updated, rows_unchanged,"
                     + " rows_invalid, rows_failed, ended_at FROM import_runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("interrupted");
            assertThat(rs.getObject(8)).as("ended_at").isNotNull();
            long created = count(db, "SELECT COUNT(*) FROM import_rows WHERE action = 'create' AND status = 'done'");
            long updated = count(db, "SELECT COUNT(*) FROM import_rows WHERE action = 'update' AND status = 'done'");
            assertThat(created).isPositive();
            assertThat(rs.getLong(2)).isEqualTo(ROWS);
            assertThat(rs.getLong(3)).isEqualTo(created);
            assertThat(rs.getLong(4)).isEqualTo(updated);
            assertThat(rs.getLong(5)).isEqualTo(count(db, "SELECT COUNT(*) FROM import_rows WHERE action = 'unchanged'"));
            assertThat(rs.getLong(6)).isEqualTo(count(db, "SELECT COUNT(*) FROM import_rows WHERE action = 'invalid'"));
            assertThat(rs.getLong(7)).isEqualTo(count(db, "SELECT COUNT(*) FROM import_rows WHERE action <> 'invalid'"
                    + " AND status IN ('failed', 'unknown')"));
            assertThat(rs.next()).isFalse();
            assertThat(count(db, "SELECT COUNT(*) FROM import_rows WHERE status = 'sending'"))
                    .as("creates marked but never sent are planned again").isZero();
            return count(db, "SELECT COUNT(*) FROM import_rows WHERE status = 'done'");
        }
    }

    private KlinkProcess importProcess(SandboxServer sandbox, TestDatabase db, Path csv, String log) throws Exception {
        return KlinkProcess.start(Map.of("KLINK_TOKEN", TOKEN), dir.resolve(log), "import", csv.toString(),
                "--base-url", sandbox.baseUrl(), "--jdbc-url", db.url(), "--set", "mirror.jdbc.user=" + db.user(),
                "--set", "import.ledger.flush-rows=10", "--set", "import.concurrency=" + CONCURRENCY,
                "--set", "shutdown.grace=" + GRACE.toMillis());
    }

    private static List<RecordedRequest> writes(SandboxServer sandbox) {
        return sandbox.requests().stream().filter(r -> r.method().equals("POST") || r.method().equals("PUT")).toList();
    }

    private static long writes(SandboxServer sandbox, String method) {
        return sandbox.requests().stream().filter(r -> r.method().equals(method)).count();
    }

    private static String name(RecordedRequest post) {
        try {
            return JSON.readTree(post.body()).path("name").asText();
        } catch (Exception e) {
            throw new IllegalStateException("POST body is not JSON: " + post.body(), e);
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
