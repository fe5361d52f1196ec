package io.klinksync.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency-bound sync: every request waits the sandbox's latency, so the floor is pages x latency / concurrency.
 * Each run syncs into PostgreSQL, where the database work runs in its own server and the sync is latency-bound,
 * and into the default embedded H2, whose engine shares the sync's CPU; both are held against the floor and a
 * plain sequential walk, the targets against the PostgreSQL figures (docs/benchmarks.md says why).
 */
public final class LatencyScenario implements Scenario {

    public static final String NAME = "latency";
    private static final double FLOOR_SPEED_TARGET = 0.8;
    private static final double SEQUENTIAL_SPEEDUP_TARGET = 3.5;
    private static final List<BenchMirror.Kind> MIRRORS = List.of(BenchMirror.Kind.POSTGRESQL, BenchMirror.Kind.H2);

    @Override
    public String name() {
        return NAME;
    }

    /** The figures of one mirror over the runs. */
    private record Passes(List<Double> pass, List<Double> process, List<Double> floorSpeed,
                          List<Double> floorSpeedProcess, List<Double> speedup) {
        Passes() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int contacts = sizes.latencyContacts();
        int pages = sizes.pages(contacts);
        double floor = pages * sizes.latencyMs() / 1000.0 / sizes.concurrency();
        Map<BenchMirror.Kind, Passes> passes = new EnumMap<>(BenchMirror.Kind.class);
        MIRRORS.forEach(kind -> passes.put(kind, new Passes()));
        List<Double> sequential = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        progress.printf("[%s] sandbox: %d contacts (%d pages of %d), %d ms latency%n", NAME, contacts, pages,
                sizes.pageSize(), sizes.latencyMs());
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, sizes.latencyMs())) {
            // One untimed walk first, so the first run's sync does not wait on a sandbox still being compiled.
            new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize()).walk(sizes.concurrency(), null);
            for (int run = 1; run <= setup.runs(); run++) {
                Map<BenchMirror.Kind, Double> passSeconds = new EnumMap<>(BenchMirror.Kind.class);
                Map<BenchMirror.Kind, Double> processSeconds = new EnumMap<>(BenchMirror.Kind.class);
                for (BenchMirror.Kind kind : MIRRORS) {
                    String label = NAME + "-sync-" + kind.name().toLowerCase(Locale.ROOT) + "-" + run;
                    Path log = setup.logs().resolve(label + ".log");
                    try (BenchMirror mirror = BenchMirror.fresh(kind, setup, label)) {
                        ProcessOutcome sync = JarProcess.run(setup, setup.jvmOptions(label, List.of()),
                                setup.syncArgs(sandbox.baseUrl(), mirror.url(), mirror.user(), List.of("contacts")), log)
                                .requireSuccess("sync (" + label + ")", log);
                        SyncRunRow row = SyncRunRow.newest(mirror.url(), mirror.user(), "contacts");
                        requireAll(row, contacts, label);
                        passSeconds.put(kind, row.passSeconds(sync));
                        processSeconds.put(kind, sync.seconds());
                    } catch (BenchException e) {
                        failed.add(label + ": " + e.getMessage());
                        progress.printf("[%s] run %d into %s FAILED: %s%n", NAME, run, kind.label, e.getMessage());
                    }
                }
                double walk = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize()).walk(1, null).seconds();
                sequential.add(walk);
                for (BenchMirror.Kind kind : passSeconds.keySet()) {
                    Passes figures = passes.get(kind);
                    double pass = passSeconds.get(kind);
                    figures.pass.add(pass);
                    figures.process.add(processSeconds.get(kind));
                    figures.floorSpeed.add(floor / pass);
                    figures.floorSpeedProcess.add(floor / processSeconds.get(kind));
                    figures.speedup.add(walk / pass);
                    progress.printf("[%s] run %d into %s: sync pass %.2f s (process %.2f s)%n", NAME, run, kind.label,
                            pass, processSeconds.get(kind));
                }
                progress.printf("[%s] run %d: sequential walk %.2f s, floor %.2f s%n", NAME, run, walk, floor);
            }
        }
        String sizeNote = contacts + " contacts, " + pages + " pages, " + sizes.latencyMs() + " ms, concurrency "
                + sizes.concurrency();
        table.add(Figure.of(NAME, "sync runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note("failed run " + f));
        table.add(Figure.of(NAME, "floor = pages x latency / concurrency", "s", repeat(floor, setup.runs())).noted(sizeNote));
        table.add(Figure.of(NAME, "sequential JDK HttpClient walk", "s", sequential));
        for (BenchMirror.Kind kind : MIRRORS) {
            Passes figures = passes.get(kind);
            boolean held = kind == BenchMirror.Kind.POSTGRESQL;
            String into = " into " + kind.label + (held ? "" : " (information)");
            table.add(Figure.of(NAME, "klink-sync pass" + into + " (sync_runs.started_at to exit)", "s", figures.pass));
            table.add(Figure.of(NAME, "klink-sync process" + into + " (incl. JVM + Camel start-up)", "s", figures.process));
            Figure floorSpeed = Figure.of(NAME, "speed vs floor" + into + " (floor / pass)", "x", figures.floorSpeed);
            Figure speedup = Figure.of(NAME, "speed-up vs sequential walk" + into + " (walk / pass)", "x", figures.speedup);
            table.add(held ? floorSpeed.atLeast(FLOOR_SPEED_TARGET) : floorSpeed);
            table.add(Figure.of(NAME, "speed vs floor incl. start-up" + into + " (floor / process)", "x",
                    figures.floorSpeedProcess));
            table.add(held ? speedup.atLeast(SEQUENTIAL_SPEEDUP_TARGET) : speedup);
        }
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
