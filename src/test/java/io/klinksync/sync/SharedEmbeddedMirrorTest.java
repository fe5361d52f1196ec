package io.klinksync.sync;

import io.klinksync.mirror.MirrorVendor;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.Serving;
import io.klinksync.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default embedded mirror is shared: while `run` holds the H2 file, `sync`, `import` and `export` work from
 * other processes through AUTO_SERVER, and the stream lock binds them; a holder that does not share the file is
 * named in a one-line refusal.
 */
class SharedEmbeddedMirrorTest {

    private static final int CONTACTS = 200;

    @TempDir
    Path dir;

    @Test
    void importExportAndSyncFromOtherProcessesWorkWhileRunHoldsTheEmbeddedMirror() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(CONTACTS))) {
            f.useDatabase(TestDatabase.h2File(dir));
            String url = f.database.url();
            f.sandbox.knobs().latencyMs(100);
            KlinkProcess run = startRun(f, url);
            try {
                // While run is mid-walk of contacts, a second process's sync of contacts is refused, naming run.
                waitUntil(() -> contactPagesServed(f) >= 2, 90, run);
                f.sandbox.knobs().latencyMs(5000);
                KlinkProcess refused = child(f, "refused.log", "sync", "--stream", "contacts", "--jdbc-url", url);
                assertThat(refused.waitFor(Duration.ofSeconds(90))).as(refused.output()).hasValue(2);
                assertThat(refused.output().strip()).as("one line naming the stream and run as its holder")
                        .doesNotContain("\n").contains("Stream contacts is being synced by another klink-sync")
                        .contains("pid " + run.pid()).contains("since");
                f.sandbox.knobs().latencyMs(0);
                waitUntil(() -> count(url, "SELECT COUNT(*) FROM sync_runs WHERE stream = 'contacts' AND status = 'success'") == 1
                        && count(url, "SELECT COUNT(*) FROM sync_runs WHERE status = 'running'") == 0, 90, run);
                assertThat(count(url, "SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());

                // import: the sandbox receives its create.
                Path csv = dir.resolve("new-contacts.csv");
                Files.writeString(csv, "id,name,emails\n,Shared Mirror Person,*shared.mirror@example.com\n",
                        StandardCharsets.UTF_8);
                f.sandbox.clearRequests();
                KlinkProcess imported = child(f, "import.log", "import", csv.toString(), "--jdbc-url", url);
                assertThat(imported.waitFor(Duration.ofSeconds(120))).as(imported.output()).hasValue(0);
                List<RecordedRequest> creates = f.sandbox.requests().stream()
                        .filter(r -> r.method().equals("POST") && r.path().endsWith("/contacts")).toList();
                assertThat(creates).as(imported.output()).hasSize(1);
                assertThat(creates.get(0).body()).contains("Shared Mirror Person");
                assertThat(f.sandbox.store().contacts().ids().stream()
                        .map(id -> f.sandbox.store().contacts().get(id).path("name").asText()))
                        .contains("Shared Mirror Person");

                // export: the file holds every contact of the mirror.
                Path out = dir.resolve("export.csv");
                KlinkProcess exported = child(f, "export.log", "export", "contacts", "--out", out.toString(), "--jdbc-url", url);
                assertThat(exported.waitFor(Duration.ofSeconds(120))).as(exported.output()).hasValue(0);
                assertThat(exportedIds(out)).isEqualTo(ids(url, "SELECT id FROM contacts WHERE deleted_at IS NULL"))
                        .hasSizeGreaterThanOrEqualTo(CONTACTS);

                // sync from a second process, with run idle: it completes and brings the imported contact in.
                KlinkProcess synced = child(f, "sync.log", "sync", "--stream", "contacts", "--jdbc-url", url);
                assertThat(synced.waitFor(Duration.ofSeconds(120))).as(synced.output()).hasValue(0);
                assertThat(count(url, "SELECT COUNT(*) FROM sync_runs WHERE stream = 'contacts' AND status = 'success'"))
                        .isEqualTo(2);
                assertThat(count(url, "SELECT COUNT(*) FROM contacts WHERE name = 'Shared Mirror Person'")).isEqualTo(1);

                assertThat(run.isAlive()).as(run.output()).isTrue();
            } finally {
                run.terminate();
                OptionalInt code = run.waitFor(Duration.ofSeconds(30));
                if (code.isEmpty()) {
                    run.kill();
                }
            }
        }
    }

    @Test
    void aHolderThatDoesNotShareTheFileIsNamedInOneLine() throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            f.useDatabase(TestDatabase.h2File(dir));
            // An embedded connection without AUTO_SERVER, as an older klink-sync or a tool in embedded mode holds it.
            try (Connection holder = DriverManager.getConnection(f.database.url(), "sa", "")) {
                holder.createStatement().execute("SELECT 1");
                KlinkProcess sync = child(f, "held.log", "sync", "--stream", "contacts", "--jdbc-url", f.database.url());
                assertThat(sync.waitFor(Duration.ofSeconds(90))).as(sync.output()).hasValue(2);
                String line = sync.output().strip();
                assertThat(line).as("one line").doesNotContain("\n").doesNotContain("Exception", "\tat ", "org.h2");
                assertThat(line).contains(".mv.db is held by another process that does not share it")
                        .contains("pid " + ProcessHandle.current().pid() + " (").contains("running since")
                        .contains(";AUTO_SERVER=TRUE").contains("run this command again");
            }
        }
    }

    private KlinkProcess startRun(SyncFixture f, String url) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--port", String.valueOf(Serving.freePort()), "--sync-now",
                "--base-url", f.sandbox.baseUrl(), "--jdbc-url", url, "--set", "sync.page-size=20",
                "--set", "sync.page.concurrency=1", "--set", "import.inbox.enabled=false"));
        Serving.NO_SCHEDULES.forEach((key, cron) -> args.addAll(List.of("--set", key + "=" + cron)));
        return KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve("run.log"), args.toArray(String[]::new));
    }

    private KlinkProcess child(SyncFixture f, String log, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--base-url", f.sandbox.baseUrl()));
        return KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve(log), all.toArray(String[]::new));
    }

    private static long contactPagesServed(SyncFixture f) {
        return f.sandbox.requests().stream()
                .filter(r -> r.status() == 200 && r.method().equals("GET") && r.path().endsWith("/contacts")).count();
    }

    /** The test reads the mirror as one more process would: through AUTO_SERVER, as run serves it. */
    private static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(MirrorVendor.H2.tuneUrl(url), "sa", "");
    }

    private static long count(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> ids(String url, String sql) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static Set<String> exportedIds(Path file) throws Exception {
        Set<String> ids = new HashSet<>();
        try (CSVParser csv = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord record : csv) {
                ids.add(record.get("id"));
            }
        }
        return ids;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check, int seconds, KlinkProcess run) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!check.holds()) {
            assertThat(System.nanoTime() < deadline && run.isAlive()).as(run.output()).isTrue();
            Thread.sleep(100);
        }
    }
}
