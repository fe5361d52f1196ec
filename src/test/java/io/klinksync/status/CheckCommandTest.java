package io.klinksync.status;

import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.Mirrors;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.Serving;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `klink-sync check`: every check passes against the sandbox, and each kind of failure is named on its own line. */
class CheckCommandTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @TempDir
    Path dir;

    /** check in its own JVM, with KLINK_TOKEN set as a user would. */
    private static Result checkProcess(OpsFixture f, Path dir, String token, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("check"));
        f.values.forEach((k, v) -> all.addAll(List.of("--set", k + "=" + v)));
        all.addAll(List.of(args));
        KlinkProcess process = KlinkProcess.start(Map.of("KLINK_TOKEN", token), dir.resolve("check-" + System.nanoTime() + ".out"),
                all.toArray(String[]::new));
        java.util.OptionalInt exit = process.waitFor(java.time.Duration.ofSeconds(120));
        assertThat(exit).as("check ended").isPresent();
        return new Result(exit.getAsInt(), process.output());
    }

    private record Result(int exit, String output) {
        String line(String check) {
            return output.lines().filter(l -> l.startsWith("✓ " + check + ":") || l.startsWith("✗ " + check + ":")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + check + " in:\n" + output));
        }
    }

    private static void migrate(OpsFixture f) {
        try (MirrorWriter ignored = Mirrors.open(f.settings())) {
            // opening the mirror migrates it, as sync and run do
        }
    }

    @Test
    void everyCheckPassesAgainstTheSandboxAndAWrongTokenIsNamed() throws Exception {
        try (OpsFixture f = new OpsFixture(TestDatabase.h2File(dir))) {
            migrate(f);
            Result ok = checkProcess(f, dir, OpsFixture.TOKEN);
            assertThat(ok.exit()).as(ok.output()).isZero();
            for (String check : List.of(Checks.CONFIGURATION, Checks.PROFILE, Checks.BASE_URL, Checks.TOKEN, Checks.MIRROR, Checks.SCHEDULES)) {
                assertThat(ok.line(check)).startsWith("✓");
            }
            assertThat(ok.line(Checks.TOKEN)).contains("contacts (GET /contacts?page=1&pageSize=1)").contains("conversations (GET /conversations?limit=1)");
            assertThat(ok.line(Checks.MIRROR)).contains("is reachable and migrated to V");
            // one smallest first page per offered stream, nothing else
            assertThat(f.sandbox.requests().stream().filter(r -> r.path().startsWith("/api/v1/")).count()).isEqualTo(5);

            Result wrong = checkProcess(f, dir, "not-the-token-9d1e");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.line(Checks.TOKEN)).startsWith("✗").contains("401").contains("refused the token");
            assertThat(wrong.line(Checks.BASE_URL)).startsWith("✓");
            assertThat(wrong.line(Checks.MIRROR)).startsWith("✓");
            assertThat(wrong.output()).doesNotContain("not-the-token-9d1e");
        }
    }

    @Test
    void aClosedPortFailsTheBaseUrlAndTheTokenIsNotTried() throws Exception {
        try (OpsFixture f = new OpsFixture(TestDatabase.h2())) {
            migrate(f);
            f.values.put("api.base-url", "http://127.0.0.1:" + Serving.freePort() + "/api/v1");
            OpsFixture.Outcome outcome = f.cli("check");
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.out()).contains("✗ base URL: http://127.0.0.1:").contains("refused the connection")
                    .contains("✗ token: not tried: the base URL does not answer")
                    .contains("✓ mirror:").contains("✓ configuration:").contains("✓ schedules:");
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aNeverMigratedMirrorFailsNamingTheMigrationsAndIsLeftUnmigrated(String vendor) throws Exception {
        try (OpsFixture f = new OpsFixture(TestDatabase.create(vendor))) {
            f.database.connect().close(); // a SQLite file exists once opened, as the other vendors' databases do
            OpsFixture.Outcome outcome = f.cli("check", "--json");
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.out()).contains("\"check\" : \"mirror\"").contains("not migrated").contains("V1 mirror")
                    .contains("V5 stream locks and verified deletes");
            OpsFixture.Outcome again = f.cli("check");
            assertThat(again.out()).contains("✗ mirror:").contains("pending migrations V1 mirror");
            try (var c = f.database.connect(); var tables = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
                List<String> names = new ArrayList<>();
                while (tables.next()) {
                    String schema = tables.getString("TABLE_SCHEM");
                    if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
                        names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                assertThat(names).as("check migrates nothing").doesNotContain("sync_runs", "flyway_schema_history");
            }
        }
    }

    @Test
    void anUnknownKeyIsNamedWithTheNearestKnownOne() {
        try (OpsFixture f = new OpsFixture(TestDatabase.h2())) {
            f.values.put("sync.page-sise", "50");
            OpsFixture.Outcome outcome = f.cli("check");
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.out()).contains("✗ configuration: unknown key 'sync.page-sise' in --set: did you mean sync.page-size?");
        }
    }

    @Test
    void aUnixCronIsNamedWithTheSecondsFieldAndAnExample() {
        try (OpsFixture f = new OpsFixture(TestDatabase.h2())) {
            f.values.put("sync.contacts.cron", "*/15 * * * *");
            OpsFixture.Outcome outcome = f.cli("check");
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.out()).contains("✗ schedules: sync.contacts.cron='*/15 * * * *' is not a Quartz cron expression")
                    .contains("seconds field").contains("'0 0/15 * * * ?'");
        }
    }

    @Test
    void anUnknownProfileFailsTheProfileAndSaysWhatWasNotTried() {
        try (OpsFixture f = new OpsFixture(TestDatabase.h2())) {
            OpsFixture.Outcome outcome = f.cli("check", "--profile", "acme");
            assertThat(outcome.exit()).isEqualTo(1);
            assertThat(outcome.out()).contains("✗ profile: Unknown profile 'acme'").contains("✗ token: not tried: the profile did not load");
        }
    }
}
