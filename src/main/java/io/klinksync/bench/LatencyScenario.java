package io.klinksync.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency-bound sync: every request waits the sandbox's latency, so the floor is pages x latency / concurrency.
 * klink-sync (into embedded H2) is held to that floor and compared with a plain sequential walk.
 */
public final class LatencyScenario implements Scenario {

    public static final String NAME = "latency";
    private static final double FLOOR_SPEED_TARGET = 0.8;
    private static final double SEQUENTIAL_SPEEDUP_TARGET = 3.5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int contacts = sizes.latencyContacts();
        int pages = sizes.pages(contacts);
        double floor = pages * sizes.latencyMs() / 1000.0 / sizes.concurrency();
        List<Double> pass = new ArrayList<>();
        List<Double> process = new ArrayList<>();
        List<Double> sequential = new ArrayList<>();
        List<Double> floorSpeed = new ArrayList<>();
        List<Double> floorSpeedProcess = new ArrayList<>();
        List<Double> speedup = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        progress.printf("[%s] sandbox: %d contacts (%d pages of %d), %d ms latency%n", NAME, contacts, pages,
                sizes.pageSize(), sizes.latencyMs());
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, sizes.latencyMs())) {
            for (int run = 1; run <= setup.runs(); run++) {
                String label = NAME + "-sync-" + run;
                String url = H2Files.fresh(setup.work().resolve(label));
                try {
                Path log = setup.logs().resolve(label + ".log");
                ProcessOutcome sync = JarProcess.run(setup, setup.jvmOptions(label, List.of()),
                        setup.syncArgs(sandbox.baseUrl(), url, "sa", List.of("contacts")), log)
                        .requireSuccess("sync (" + label + ")", log);
                SyncRunRow row = SyncRunRow.newest(url, "sa", "contacts");
                requireAll(row, contacts, label);
                PageWalk.Result walk = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize()).walk(1, null);
                pass.add(row.passSeconds(sync));
                process.add(sync.seconds());
                sequential.add(walk.seconds());
                floorSpeed.add(floor / row.passSeconds(sync));
                floorSpeedProcess.add(floor / sync.seconds());
                speedup.add(walk.seconds() / row.passSeconds(sync));
                progress.printf("[%s] run %d: sync pass %.2f s (process %.2f s), sequential walk %.2f s, floor %.2f s%n",
                        NAME, run, row.passSeconds(sync), sync.seconds(), walk.seconds(), floor);
                } catch (BenchException e) {
                    failed.add(label + ": " + e.getMessage());
                    progress.printf("[%s] run %d FAILED: %s%n", NAME, run, e.getMessage());
                }
                H2Files.delete(setup.work().resolve(label));
            }
        }
        String sizeNote = contacts + " contacts, " + pages + " pages, " + sizes.latencyMs() + " ms, concurrency "
                + sizes.concurrency() + ", H2";
        table.add(Figure.of(NAME, "sync runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note("failed run " + f));
        table.add(Figure.of(NAME, "floor = pages x latency / concurrency", "s", repeat(floor, setup.runs())).noted(sizeNote));
        table.add(Figure.of(NAME, "klink-sync pass (sync_runs.started_at to exit)", "s", pass));
        table.add(Figure.of(NAME, "klink-sync process (incl. JVM + Camel start-up)", "s", process));
        table.add(Figure.of(NAME, "sequential JDK HttpClient walk", "s", sequential));
        table.add(Figure.of(NAME, "speed vs floor (floor / pass)", "x", floorSpeed).atLeast(FLOOR_SPEED_TARGET));
        table.add(Figure.of(NAME, "speed vs floor incl. start-up (floor / process)", "x", floorSpeedProcess));
        table.add(Figure.of(NAME, "speed-up vs sequential walk (walk / pass)", "x", speedup).atLeast(SEQUENTIAL_SPEEDUP_TARGET));
    }

    static void requireAll(SyncRunRow row, long contacts, String label) {
        if (!"success".equals(row.status()) || row.seen() != contacts) {
            throw new BenchException("The sync " + label + " ended " + row.status() + " with " + row.seen() + " of "
                    + contacts + " records; its log says why");
        }
    }

    static List<Double> repeat(double value, int runs) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(value);
        }
        return values;
    }
}
