package io.klinksync.sync;

import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.TerminalText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What `klink-sync sync` prints: one result line per stream, --quiet, --verbose and --log-file, and on a
 * terminal progress bars that log lines never run into.
 */
class SyncOutputTest {

    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR)");
    private static final Pattern BAR = Pattern.compile("(\\d+|\\?) ?% \\[[=> ]*\\]|\\d+/(\\d+|\\?) rec");
    private static final List<String> STREAMS = List.of("contacts", "conversations");

    @TempDir
    Path dir;

    @Test
    void eachStreamEndsWithExactlyOneResultLine() throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            String output = sync(f, "default.log");
            for (String stream : STREAMS) {
                assertThat(output.lines().filter(l -> l.contains(stream + ": success,"))).as(output).hasSize(1);
            }
            assertThat(output).as("the result is not logged as well").doesNotContain("Profile klink, stream");
        }
    }

    @Test
    void quietPrintsOnlyTheSummaryLine() throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            String output = sync(f, "quiet.log", "--quiet");
            assertThat(output.lines().toList()).as(output).hasSize(1);
            assertThat(output).startsWith("Synced 2 streams (2 success), ").contains(" records in ");
        }
    }

    @Test
    void quietStillPrintsErrors() throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            KlinkProcess refused = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN + "-wrong"),
                    dir.resolve("refused.log"), args(f, "--quiet").toArray(String[]::new));
            assertThat(refused.waitFor()).isEqualTo(2);
            String output = refused.output();
            assertThat(output).as(output).contains("sync: ").contains("401");
            assertThat(output.lines().filter(l -> LOG_LINE.matcher(l).lookingAt()))
                    .as("log lines below ERROR").allMatch(l -> l.contains(" ERROR "));
        }
    }

    @Test
    void verboseAddsALinePerPage() throws Exception {
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(1000))) {
            String output = sync(f, "verbose.log", "--verbose");
            assertThat(output.lines().filter(l -> l.contains("Stream contacts:") && l.contains("pages done")).count())
                    .as(output).isGreaterThanOrEqualTo(2);
            assertThat(sync(f, "plain.log")).doesNotContain("pages done");
        }
    }

    @Test
    void logFileHoldsTheFullLogWithoutTheTokenAndTheConsoleKeepsTheResults() throws Exception {
        try (SyncFixture f = new SyncFixture("h2")) {
            Path logFile = dir.resolve("klink.log");
            KlinkProcess sync = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN, "KLINK_LIBRARY_LOG_LEVEL", "DEBUG"),
                    dir.resolve("console.log"), args(f, "--log-file", logFile.toString()).toArray(String[]::new));
            assertThat(sync.waitFor()).as(sync.output()).isZero();
            String log = Files.readString(logFile);
            assertThat(log).contains("Stream contacts: syncing from").contains("Bearer ****")
                    .doesNotContain(SyncFixture.TOKEN);
            String console = sync.output();
            assertThat(console).doesNotContain(" INFO ").doesNotContain(" DEBUG ").contains("contacts: success,");
        }
    }

    /** Under a pseudo-terminal (script): a bar per stream, and every log line on a line of its own. */
    @Test
    void onATerminalLogLinesGoAboveTheBarsNeverIntoThem() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script (util-linux) is not installed");
        try (SyncFixture f = new SyncFixture("h2", SandboxOptions.defaults().contacts(3000))) {
            f.set("api.rate-limit", "40"); // a walk of some seconds, so bars are redrawn between many log lines
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.klinksync.cli.KlinkSync"));
            command.addAll(args(f, "--verbose", "--set", "api.rate-limit=40"));
            Path typescript = dir.resolve("typescript");
            ProcessBuilder builder = new ProcessBuilder("script", "-qfc", shell(command), typescript.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("script.out").toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("KLINK_"));
            builder.environment().put("KLINK_TOKEN", SyncFixture.TOKEN);
            builder.environment().put("COLUMNS", "120");
            Process script = builder.start();
            assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();

            List<String> screen = TerminalText.lines(typescript);
            String shown = String.join("\n", screen);
            assertThat(screen.stream().filter(l -> BAR.matcher(l).find() && l.startsWith("contacts ")))
                    .as("the contacts bar, left in its last state\n" + shown).hasSize(1)
                    .allMatch(l -> l.contains("100%"));
            assertThat(screen.stream().filter(l -> l.contains("pages done"))).as(shown).hasSizeGreaterThanOrEqualTo(5);
            for (String line : screen) {
                if (LOG_LINE.matcher(line).find()) {
                    assertThat(LOG_LINE.matcher(line).lookingAt()).as("a log line starts its own line: " + line).isTrue();
                    assertThat(BAR.matcher(line).find()).as("bar text in a log line: " + line).isFalse();
                }
            }
            assertThat(shown).doesNotContain(SyncFixture.TOKEN);
        }
    }

    private String sync(SyncFixture f, String log, String... extra) throws Exception {
        KlinkProcess sync = KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve(log),
                args(f, extra).toArray(String[]::new));
        assertThat(sync.waitFor()).as(sync.output()).isZero();
        return sync.output();
    }

    /** A sync into an H2 file of its own: the child process cannot see the fixture's in-memory database. */
    private List<String> args(SyncFixture f, String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "--base-url", f.sandbox.baseUrl(),
                "--jdbc-url", "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath() + ";NON_KEYWORDS=VALUE"));
        STREAMS.forEach(s -> args.addAll(List.of("--stream", s)));
        args.addAll(List.of(extra));
        return args;
    }

    private static String shell(List<String> command) {
        return String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
    }
}
