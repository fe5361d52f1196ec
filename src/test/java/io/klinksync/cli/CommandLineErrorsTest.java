package io.klinksync.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineErrorsTest {

    private record Outcome(int exit, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cli = KlinkSync.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute(args);
        return new Outcome(exit, err.toString());
    }

    @Test
    void unknownOptionExitsTwoWithOneLineNamingWhatIsAccepted() {
        Outcome outcome = run("sync", "--bogus");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).contains("Unknown option: '--bogus'").contains("Accepted:").contains("--help");
    }

    @Test
    void unknownCommandExitsTwoAndListsTheCommands() {
        Outcome outcome = run("fetch");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).contains("fetch").contains("sandbox, sync, run, import, export, demo");
    }

    @Test
    void badValueExitsTwoNamingTheAcceptedValues() {
        Outcome outcome = run("sync", "--mirror", "excel");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).contains("--mirror").contains("excel").contains("jdbc, csv");
    }

    @Test
    void unofferedStreamExitsTwoNamingWhatTheProfileOffers() {
        Outcome outcome = run("sync", "--profile", "clarity", "--stream", "contacts");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("does not offer stream 'contacts'").contains("[conversations]");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"sandbox", "sync", "run", "import", "export", "demo", "status", "check"}) {
            CommandLine cli = KlinkSync.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute(command, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: klink-sync " + command);
        }
    }
}
