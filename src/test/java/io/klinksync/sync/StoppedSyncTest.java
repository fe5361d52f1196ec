package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM or Ctrl-C mid-page: the run ends interrupted with its true counts, soon, and the next run completes. */
class StoppedSyncTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    private static final long GRACE_SECONDS = 10;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void sigtermMidPageEndsTheRunInterruptedWithinTheGraceAndStartsNoFurtherStream(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(3000))) {
            if (vendor.equals("h2")) {
                f.useDatabase(TestDatabase.h2File(dir));
            }
            f.sandbox.knobs().latencyMs(40);
            KlinkProcess child = stopMidWalk(f, "TERM");
            long stopped = System.nanoTime();
            java.util.OptionalInt code = child.waitFor(Duration.ofSeconds(GRACE_SECONDS + 5));
            long seconds = (System.nanoTime() - stopped) / 1_000_000_000;
            assertThat(code).as(child.output()).hasValue(143);
            assertThat(seconds).as("exit within shutdown.grace").isLessThanOrEqualTo(GRACE_SECONDS);

            Map<String, Object> run = f.row("SELECT * FROM sync_runs WHERE stream = 'contacts'");
            assertThat(run.get("status")).as(run.toString()).isEqualTo("interrupted");
            assertThat(((Number) run.get("records_seen")).longValue()).as(run.toString())
                    .isEqualTo(f.count("SELECT COUNT(*) FROM contacts"));
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE stream <> 'contacts'"))
                    .as("no further stream started").isZero();
            assertThat(f.sandbox.requests()).as("no request to a later stream")
                    .noneMatch(r -> r.path().contains("/contacts/groups") || r.path().contains("/contacts/fields"));

            f.sandbox.knobs().latencyMs(0);
            SyncRun next = f.syncOne("contacts");
            assertThat(next.status()).as(next.toString()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL"))
                    .isEqualTo(f.sandbox.store().contacts().count());
        }
    }

    @Test
    void ctrlCEndsTheRunInterruptedWithExitCode130() throws Exception {
        KlinkProcess.assumeCtrlCCanArrive();
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(3000))) {
            f.useDatabase(TestDatabase.h2File(dir));
            f.sandbox.knobs().latencyMs(40);
            KlinkProcess child = stopMidWalk(f, "INT");
            assertThat(child.waitFor(Duration.ofSeconds(GRACE_SECONDS + 5))).as(child.output()).hasValue(130);
            assertThat(f.row("SELECT status FROM sync_runs WHERE stream = 'contacts'").get("status")).isEqualTo("interrupted");
        }
    }

    @Test
    void sigtermStopsRunMidPassWithTheRunInterruptedAndTheProcessGoneWithinTheGrace() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(3000))) {
            f.useDatabase(TestDatabase.h2File(dir));
            f.sandbox.knobs().latencyMs(100); // a pass of about 4 s: the stop lands in the first one
            List<String> args = new java.util.ArrayList<>(List.of("run", "--port", String.valueOf(io.klinksync.testing.Serving.freePort()),
                    "--base-url", f.sandbox.baseUrl(), "--jdbc-url", f.database.url(), "--set", "sync.page-size=20",
                    "--set", "import.inbox.enabled=false"));
            io.klinksync.testing.Serving.NO_SCHEDULES.forEach((key, cron) -> args.addAll(List.of("--set", key + "="
                    + (key.equals("sync.contacts.cron") ? "0/1 * * * * ?" : cron))));
            KlinkProcess child = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve("run.log"),
                    args.toArray(String[]::new));
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (f.okResponses() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(f.okResponses()).as(child.output()).isGreaterThanOrEqualTo(12);
            child.terminate();
            long stopped = System.nanoTime();
            java.util.OptionalInt code = child.waitFor(Duration.ofSeconds(GRACE_SECONDS + 5));
            assertThat(code).as(child.output()).hasValue(143);
            assertThat((System.nanoTime() - stopped) / 1_000_000_000).as("exit within shutdown.grace")
                    .isLessThanOrEqualTo(GRACE_SECONDS);
            Map<String, Object> run = f.row("SELECT * FROM sync_runs WHERE stream = 'contacts' ORDER BY id DESC");
            assertThat(run.get("status")).as(run + "\n" + child.output()).isEqualTo("interrupted");
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'running'")).isZero();
        }
    }

    /** Starts a sync of contacts then the two contact streams after it, and signals it once 12 pages were served. */
    private KlinkProcess stopMidWalk(SyncFixture f, String signal) throws Exception {
        KlinkProcess child = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve("child.log"),
                "sync", "--stream", "contacts", "--stream", "contact_groups", "--stream", "contact_fields",
                "--base-url", f.sandbox.baseUrl(), "--jdbc-url", f.database.url(),
                "--set", "mirror.jdbc.user=" + f.database.user(), "--set", "sync.page-size=50");
        long deadline = System.nanoTime() + 180_000_000_000L; // a child JVM starts slowly on a busy machine
        while (f.okResponses() < 12 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(f.okResponses()).as(child.output()).isGreaterThanOrEqualTo(12);
        if (signal.equals("TERM")) {
            child.terminate();
        } else {
            child.interrupt();
        }
        return child;
    }
}
