package io.klinksync.sync;

import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.Serving;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three `run` processes in cluster mode (Quartz's clustered JDBC JobStore in one mirror database), two streams on
 * a 2 s cron: no two runs of a stream overlap, the runs match the firings, every run names its node; a node
 * killed mid-run leaves an abandoned run, its stream goes on on the survivors, and the mirror ends equal to the API.
 */
class RunClusterTest {

    private static final List<String> STREAMS = List.of("contacts", "contact_groups");
    private static final Duration WATCH = Duration.ofSeconds(40);

    /** The nodes' output stays after the test, for a failure to be read. */
    private Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void threeNodesRunEachFiringOnceAndSurviveAKill(String vendor) throws Exception {
        dir = java.nio.file.Files.createDirectories(Path.of("target", "run-cluster", vendor));
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults())) {
            // Pages of 5 at 120 ms: a contacts run takes about a second of its 2 s period, so a kill lands mid-run.
            f.sandbox.knobs().latencyMs(120);
            List<KlinkProcess> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    nodes.add(startNode(f, i));
                }
                // JVMs start slowly on a busy machine: the watch begins once every node printed its banner.
                long ready = System.nanoTime() + 120_000_000_000L;
                for (KlinkProcess node : nodes) {
                    while (!node.output().contains("  stream ") && node.isAlive() && System.nanoTime() < ready) {
                        Thread.sleep(200);
                    }
                    assertThat(node.output()).as("node started").contains("  stream ");
                }
                Instant watchFrom = Instant.now();
                Thread.sleep(WATCH.toMillis());
                List<Row> rows = runs(f).stream().filter(r -> !r.started.isBefore(watchFrom)).toList();
                Instant first = watchFrom;
                Instant last = Instant.now();
                for (String stream : STREAMS) {
                    List<Row> ofStream = rows.stream().filter(r -> r.stream.equals(stream)).toList();
                    assertNoOverlap(ofStream);
                    long firings = Duration.between(first, last).getSeconds() / 2;
                    // Each firing runs once; a firing that found the previous run still going runs right after it
                    // (misfire policy: fire once now), so a few may merge, none may double.
                    assertThat((long) ofStream.size()).as("runs of %s against %d firings", stream, firings)
                            .isBetween(firings * 7 / 10, firings + 2);
                }
                assertThat(rows).allSatisfy(r -> assertThat(r.node).as("run %d names its node", r.id).isNotBlank());
                Set<String> nodesSeen = new HashSet<>();
                rows.forEach(r -> nodesSeen.add(r.node));
                System.out.printf("%s cluster: %d runs in %d s, %d overlaps, by %d nodes %s%n", vendor, rows.size(),
                        Duration.between(first, last).getSeconds(), 0, nodesSeen.size(), nodesSeen);

                // kill -9 the node running contacts now.
                Row victimRun = waitForRunning(f, "contacts");
                KlinkProcess victim = nodes.stream().filter(n -> victimRun.node.endsWith(":" + n.pid())).findFirst().orElseThrow();
                Instant killedAt = Instant.now();
                victim.kill();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!"abandoned".equals(status(f, victimRun.id)) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(status(f, victimRun.id)).as("the killed node's run").isEqualTo("abandoned");
                Instant takenOver = runs(f).stream().filter(r -> r.stream.equals("contacts") && r.id > victimRun.id)
                        .map(Row::started).min(Instant::compareTo).orElseThrow();
                long afterKill = runs(f).stream().filter(r -> r.started.isAfter(killedAt)).count();
                // The survivors go on: both streams keep running after the takeover, and a run completes.
                long successBefore = f.count("SELECT COUNT(*) FROM sync_runs WHERE stream = 'contacts' AND status = 'success'");
                // Wait for a contacts success and a run of every stream since the takeover: a trigger the dead node
                // had acquired comes back only once Quartz's cluster check declares that node gone.
                deadline = System.nanoTime() + 60_000_000_000L;
                while ((f.count("SELECT COUNT(*) FROM sync_runs WHERE stream = 'contacts' AND status = 'success'") <= successBefore
                        || STREAMS.stream().anyMatch(stream -> runsSince(f, stream, takenOver) == 0))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                List<Row> after = runs(f);
                for (String stream : STREAMS) {
                    assertNoOverlap(after.stream().filter(r -> r.stream.equals(stream)).toList());
                    assertThat(after.stream().filter(r -> r.stream.equals(stream) && !r.started.isBefore(takenOver))
                            .count()).as("runs of %s after the takeover", stream).isGreaterThan(0);
                }
                assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL"))
                        .isEqualTo(f.sandbox.store().contacts().count());
                assertThat(nodes.stream().filter(n -> n != victim).allMatch(KlinkProcess::isAlive)).isTrue();
                System.out.printf("%s failover: killed %s at %s, its stream's next run began %d ms later (%d runs since"
                        + " the kill), %d runs in all, 0 overlaps%n", vendor, victimRun.node, killedAt,
                        Duration.between(killedAt, takenOver).toMillis(), afterKill, after.size());
            } finally {
                for (KlinkProcess node : nodes) {
                    node.terminate();
                }
                for (KlinkProcess node : nodes) {
                    if (node.waitFor(Duration.ofSeconds(20)).isEmpty()) {
                        node.kill();
                    }
                }
            }
        }
    }

    private KlinkProcess startNode(SyncFixture f, int i) throws Exception {
        Map<String, String> schedules = new LinkedHashMap<>(Serving.NO_SCHEDULES);
        STREAMS.forEach(s -> schedules.put("sync." + s + ".cron", "*/2 * * * * ?"));
        List<String> args = new ArrayList<>(List.of("run", "--base-url", f.sandbox.baseUrl(), "--jdbc-url", f.database.url(),
                "--port", String.valueOf(Serving.freePort()), "--set", "mirror.jdbc.user=" + f.database.user(),
                "--set", "scheduler.clustered=true", "--set", "scheduler.cluster.checkin-interval=2000",
                "--set", "import.inbox.enabled=false", "--set", "sync.page-size=5", "--set", "api.rate-limit=1000"));
        schedules.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        return KlinkProcess.start(Map.of("KLINK_TOKEN", SyncFixture.TOKEN), dir.resolve("node" + i + ".log"),
                args.toArray(String[]::new));
    }

    record Row(long id, String stream, Instant started, Instant ended, String status, String node) {
    }

    private static List<Row> runs(SyncFixture f) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = f.database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, stream, started_at, ended_at, status, node FROM sync_runs ORDER BY id")) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong("id"), rs.getString("stream"), SyncFixture.instant(rs.getObject("started_at")),
                        SyncFixture.instant(rs.getObject("ended_at")), rs.getString("status"), rs.getString("node")));
            }
        }
        return rows;
    }

    private static void assertNoOverlap(List<Row> runs) {
        List<Row> sorted = runs.stream().sorted((a, b) -> a.started.compareTo(b.started)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Row before = sorted.get(i - 1);
            if (before.ended == null || "abandoned".equals(before.status)) {
                continue; // a run whose node died: its stream lock ended with the node
            }
            assertThat(sorted.get(i).started).as("run %d starts after run %d ended", sorted.get(i).id, before.id)
                    .isAfterOrEqualTo(before.ended);
        }
    }

    private static Row waitForRunning(SyncFixture f, String stream) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Row r : runs(f)) {
                if (r.stream.equals(stream) && "running".equals(r.status) && r.node != null) {
                    return r;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no run of " + stream + " was seen running");
    }

    private static String status(SyncFixture f, long id) throws Exception {
        return String.valueOf(f.row("SELECT status FROM sync_runs WHERE id = ?", id).get("status"));
    }

    private static long runsSince(SyncFixture f, String stream, Instant since) {
        try {
            return runs(f).stream().filter(r -> r.stream.equals(stream) && !r.started.isBefore(since)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
