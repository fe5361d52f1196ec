package io.klinksync.sync;

import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.Serving;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** `run` refuses bad start-up input at once: exit 2 and one line naming what is wrong (each failed before). */
class RunStartupTest {

    @TempDir
    Path dir;

    @Test
    void badStartupInputExitsTwoWithOneLine() throws Exception {
        try (SyncFixture f = new SyncFixture("h2");
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String url = "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath();
            assertOneLine(run(f, url, SyncFixture.TOKEN, "--port", String.valueOf(taken.getLocalPort())),
                    "Port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
            assertOneLine(run(f, url, SyncFixture.TOKEN, "--set", "sync.contacts.cron=*/5 * * * *"),
                    "Setting 'sync.contacts.cron' is not a Quartz cron expression", "starts with seconds", "0 */5 * * * ?");
            assertOneLine(run(f, url, SyncFixture.TOKEN, "--set", "sync.contact.cron=0 0 * * * ?"),
                    "Unknown setting 'sync.contact.cron' in --set: did you mean sync.contacts.cron?");
            assertOneLine(run(f, url, "a-wrong-token"), "refused the token");
            assertOneLine(run(f, url, SyncFixture.TOKEN, "--set", "scheduler.clustered=true"),
                    "scheduler.clustered=true needs a PostgreSQL or MariaDB mirror");
        }
    }

    private Outcome run(SyncFixture f, String url, String token, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--base-url", f.sandbox.baseUrl(), "--jdbc-url", url,
                "--set", "import.inbox.enabled=false"));
        if (!List.of(extra).contains("--port")) {
            args.addAll(List.of("--port", String.valueOf(Serving.freePort())));
        }
        args.addAll(List.of(extra));
        Path out = dir.resolve("run" + System.nanoTime() + ".log");
        KlinkProcess p = KlinkProcess.start(Map.of("KLINK_TOKEN", token), out, args.toArray(String[]::new));
        OptionalInt code = p.waitFor(Duration.ofSeconds(60));
        if (code.isEmpty()) {
            p.kill();
        }
        return new Outcome(code, p.output());
    }

    record Outcome(OptionalInt code, String output) {
    }

    private static void assertOneLine(Outcome o, String... parts) {
        assertThat(o.code()).as(o.output()).hasValue(2);
        List<String> lines = o.output().lines().filter(l -> l.startsWith("run: ")).toList();
        assertThat(lines).as(o.output()).hasSize(1);
        assertThat(lines.get(0)).contains(parts).doesNotContain("Exception", "\tat ", SyncFixture.TOKEN);
    }
}
