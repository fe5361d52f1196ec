package io.klinksync.cli;

import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.MirrorTables;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** `klink-sync mirror copy --from URL --to URL`: per-table counts and exit 0, or one line and exit 2. */
class MirrorCopyCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cli = KlinkSync.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** An H2 file mirror with two runs in its history. */
    private String h2Mirror() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("klink-mirror") + ";NON_KEYWORDS=VALUE";
        try (MirrorDatabase db = MirrorDatabase.open(url, "sa", "", 2);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sync_runs (stream, profile, started_at, ended_at, status) VALUES"
                    + " ('contacts', 'klink', TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05.123456+00',"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-02 03:05:00+00', 'success'),"
                    + " ('groups', 'klink', TIMESTAMP WITH TIME ZONE '2026-01-02 04:00:00+00', NULL, 'failed')");
        }
        return url;
    }

    @Test
    void copiesEveryTableAndPrintsItsRowsThenRefusesATargetThatHoldsRows() throws Exception {
        String from = h2Mirror();
        String to = "jdbc:sqlite:" + dir.resolve("copy.sqlite");

        Outcome copied = run("mirror", "copy", "--from", from, "--to", to);

        assertThat(copied.exit()).as(copied.err()).isZero();
        assertThat(copied.err()).isEmpty();
        assertThat(copied.out()).containsPattern("sync_runs +2 rows").containsPattern("contacts +0 rows")
                .contains("Copied 2 rows in").contains("QRTZ_").doesNotContain("klink_schema_history");
        MirrorTables sqlite = MirrorTables.open(to, "", "");
        try {
            assertThat(sqlite.count("SELECT COUNT(*) FROM sync_runs WHERE started_at = '2026-01-02T03:04:05.123456Z'"))
                    .isEqualTo(1);
        } finally {
            sqlite.close();
        }

        Outcome again = run("mirror", "copy", "--from", from, "--to", to);

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip()).doesNotContain("\n").contains("already holds rows").contains("sync_runs")
                .doesNotContain("Exception");
    }

    /**
     * 25,000 change-log rows of 2,000 Myanmar characters each: 100 MB as Java strings, 150 MB as UTF-8, copied by a
     * process whose whole heap is 64 MB. Only a copy that streams the table fits.
     */
    @Test
    void aTableLargerThanTheHeapIsStreamedAcross() throws Exception {
        String from = "jdbc:h2:file:" + dir.resolve("large") + ";NON_KEYWORDS=VALUE";
        try (MirrorDatabase db = MirrorDatabase.open(from, "sa", "", 2);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sync_changes (run_id, stream, record_id, change_type, changed_fields, changed_at)"
                    + " SELECT X, 'contacts', 'contact-' || X, 'update', REPEAT('ပ', 2000), CURRENT_TIMESTAMP"
                    + " FROM SYSTEM_RANGE(1, 25000)");
        }
        String to = "jdbc:sqlite:" + dir.resolve("large.sqlite");
        Path log = dir.resolve("copy.log");

        KlinkProcess process = KlinkProcess.start(List.of("-Xmx64m"), Map.of(), log, null, "mirror", "copy",
                "--from", from, "--to", to);
        OptionalInt exit = process.waitFor(Duration.ofMinutes(5));
        if (exit.isEmpty()) {
            process.kill();
        }

        assertThat(exit).as(process.output()).hasValue(0);
        assertThat(process.output()).containsPattern("sync_changes +25,000 rows");
        MirrorTables sqlite = MirrorTables.open(to, "", "");
        try {
            assertThat(sqlite.count("SELECT COUNT(*) FROM sync_changes WHERE changed_fields = '" + "ပ".repeat(2000) + "'"))
                    .isEqualTo(25_000);
        } finally {
            sqlite.close();
        }
    }

    @Test
    void aSourceThatDoesNotExistIsRefusedAndNotCreated() {
        Path missing = dir.resolve("missing");

        Outcome outcome = run("mirror", "copy", "--from", "jdbc:h2:file:" + missing, "--to", "jdbc:sqlite:" + dir.resolve("t.sqlite"));

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("does not exist").contains(missing + ".mv.db");
        assertThat(dir.resolve("missing.mv.db")).doesNotExist();
        assertThat(dir.resolve("t.sqlite")).doesNotExist();
    }

    @Test
    void aPasswordIsNeverShown() throws Exception {
        String from = h2Mirror();
        Path secret = dir.resolve("password");
        Files.writeString(secret, "hunter2-secret\n");

        Outcome refused = run("mirror", "copy", "--from", from, "--to", "jdbc:postgresql://127.0.0.1:1/test",
                "--to-user", "klink", "--to-password-file", secret.toString());
        Outcome inUrl = run("mirror", "copy", "--from", from, "--to", "jdbc:postgresql://127.0.0.1:1/test?password=hunter2-secret");

        for (Outcome outcome : new Outcome[]{refused, inUrl}) {
            assertThat(outcome.exit()).isEqualTo(2);
            assertThat(outcome.out() + outcome.err()).doesNotContain("hunter2").doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(outcome.err().strip()).doesNotContain("\n").contains("127.0.0.1:1");
        }
    }

    @Test
    void copiesIntoPostgresqlWithAUserAndAPasswordFile() throws Exception {
        try (TestDatabase target = TestDatabase.postgres()) {
            String from = h2Mirror();
            Path secret = dir.resolve("password");
            Files.writeString(secret, "trusted-anyway\n");

            Outcome copied = run("mirror", "copy", "--from", from, "--to", target.url(), "--to-user", target.user(),
                    "--to-password-file", secret.toString());

            assertThat(copied.exit()).as(copied.err()).isZero();
            assertThat(copied.out()).containsPattern("sync_runs +2 rows").doesNotContain("trusted-anyway");
        }
    }
}
