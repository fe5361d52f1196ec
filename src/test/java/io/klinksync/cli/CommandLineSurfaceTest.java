package io.klinksync.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets first: help, versions, suggestions and the wording of parse errors. */
class CommandLineSurfaceTest {

    private static final List<String> COMMANDS = List.of("sandbox", "sync", "run", "import", "export", "demo",
            "status", "check", "mirror");

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

    @Test
    void helpIsACommandForTheToolAndForEachCommand() {
        Outcome all = run("help");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("Usage: klink-sync");
        COMMANDS.forEach(command -> assertThat(all.out()).contains(command));
        for (String command : COMMANDS) {
            Outcome one = run("help", command);
            assertThat(one.exit()).as("help %s", command).isZero();
            assertThat(one.out()).contains("Usage: klink-sync " + command);
        }
    }

    @Test
    void everyCommandPrintsTheVersion() {
        String version = KlinkVersion.current();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(run("--version").out()).contains("klink-sync " + version);
        for (String command : COMMANDS) {
            Outcome outcome = run(command, "--version");
            assertThat(outcome.exit()).as("%s --version", command).isZero();
            assertThat(outcome.out()).as("%s --version", command).contains("klink-sync " + version);
        }
    }

    @Test
    void aMisspelledCommandOrOptionGetsTheNearestOne() {
        Outcome command = run("synk");
        assertThat(command.exit()).isEqualTo(2);
        assertThat(command.err()).contains("'synk'").contains("did you mean sync?");
        Outcome option = run("sync", "--strem", "contacts");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("'--strem'").contains("did you mean --stream?");
    }

    @Test
    void noCommandListsEveryCommand() {
        Outcome outcome = run();
        assertThat(outcome.exit()).isEqualTo(2);
        COMMANDS.forEach(command -> assertThat(outcome.err()).contains(command));
    }

    @Test
    void aMalformedSetSaysWhatIsExpectedOnce() {
        Outcome outcome = run("sync", "--set", "sync.page-size");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).doesNotContain("option option").contains("--set").contains("KEY=VALUE");
    }

    @Test
    void helpDocumentsTheLogVariables() {
        assertThat(run("--help").out()).contains("KLINK_LOG_LEVEL").contains("KLINK_LIBRARY_LOG_LEVEL");
    }
}
