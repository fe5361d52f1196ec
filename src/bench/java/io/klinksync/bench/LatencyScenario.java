package io.klinksync.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency-bound sync: every request waits the sandbox's latency, so the floor is pages x latency / concurrency.
 * Each run syncs into PostgreSQL, where the database work runs in its own server and the sync is latency-bound,
 * and into each embedded engine (SQLite, H2), whose engine shares the sync's CPU; the order turns from run to run
 * so that no engine always goes first. All are held against the floor and a plain sequential walk; the targets
 * are held on PostgreSQL and on the embedded default (the engine of the shipped mirror.jdbc.url), the other
 * embedded engine is information. Each sync's CPU, peak RSS and mirror file size are reported beside, since an
 * embedded engine can meet the floor and still cost the machine much more (docs/benchmarks.md says why).
 */
public final class LatencyScenario implements Scenario {

    public static final String NAME = "latency";
    private static final double FLOOR_SPEED_TARGET = 0.8;
    private static final double SEQUENTIAL_SPEEDUP_TARGET = 3.5;
    private static final List<BenchMirror.Kind> MIRRORS = List.of(BenchMirror.Kind.POSTGRESQL, BenchMirror.Kind.SQLITE,
            BenchMirror.Kind.H2);

    private final BenchMirror.Kind embeddedDefault;

    public LatencyScenario(BenchMirror.Kind embeddedDefault) {
        this.embeddedDefault = embeddedDefault;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The figures of one mirror over the runs. */
    private record Passes(List<Double> pass, List<Double> process, List<Double> floorSpeed,
                          List<Double> floorSpeedProcess, List<Double> speedup, List<Double> cpu,
                          List<Double> cpuPerPage, List<Double> rss, List<Double> fileMb) {
        Passes() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** What one sync into one mirror measured. */
    private record Sync(double pass, double process, double cpu, double rssMb, double fileMb) {
    }

    /** The engines in run RUN's order: the list turned by one place per run. */
    static List<BenchMirror.Kind> order(List<BenchMirror.Kind> kinds, int run) {
        List<BenchMirror.Kind> turned = new ArrayList<>(kinds);
        Collections.rotate(turned, -((run - 1) % kinds.size()));
        return turned;
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
        progress.printf("[%s] sandbox: %d contacts (%d pages of %d), %d ms latency; embedded default %s%n", NAME, contacts,
                pages, sizes.pageSize(), sizes.latencyMs(), embeddedDefault.label);
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, sizes.latencyMs())) {
            // One untimed walk first, so the first run's sync does not wait on a sandbox still being compiled.
            new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize()).walk(sizes.concurrency(), null);
            for (int run = 1; run <= setup.runs(); run++) {
                Map<BenchMirror.Kind, Sync> syncs = new LinkedHashMap<>(); // in the run's order
                for (BenchMirror.Kind kind : order(MIRRORS, run)) {
                    String label = NAME + "-sync-" + kind.id() + "-" + run;
                    Path log = setup.logs().resolve(label + ".log");
                    try (BenchMirror mirror = BenchMirror.fresh(kind, setup, label)) {
                        JarProcess.Measured sync = JarProcess.runMeasured(setup, setup.jvmOptions(label, List.of()),
                                setup.syncArgs(sandbox.baseUrl(), mirror.url(), mirror.user(), List.of("contacts")), log,
                                "sync (" + label + ")");
                        SyncRunRow row = SyncRunRow.newest(mirror.url(), mirror.user(), "contacts");
                        requireAll(row, contacts, label);
                        syncs.put(kind, new Sync(row.passSeconds(sync.outcome()), sync.outcome().seconds(),
                                sync.cpuSeconds(), sync.peakRssMb(), mirror.fileBytes() / MB));
                    } catch (BenchException e) {
                        failed.add(label + ": " + e.getMessage());
                        progress.printf("[%s] run %d into %s FAILED: %s%n", NAME, run, kind.label, e.getMessage());
                    }
                }
                double walk = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize()).walk(1, null).seconds();
                sequential.add(walk);
                for (Map.Entry<BenchMirror.Kind, Sync> entry : syncs.entrySet()) {
                    Passes figures = passes.get(entry.getKey());
                    Sync sync = entry.getValue();
                    figures.pass.add(sync.pass);
                    figures.process.add(sync.process);
                    figures.floorSpeed.add(floor / sync.pass);
                    figures.floorSpeedProcess.add(floor / sync.process);
                    figures.speedup.add(walk / sync.pass);
                    figures.cpu.add(sync.cpu);
                    figures.cpuPerPage.add(sync.cpu * 1000 / pages);
                    figures.rss.add(sync.rssMb);
                    figures.fileMb.add(sync.fileMb);
                    progress.printf("[%s] run %d into %s: sync pass %.2f s (process %.2f s), CPU %.2f s, peak RSS %s MB,"
                                    + " file %s MB%n", NAME, run, entry.getKey().label, sync.pass, sync.process, sync.cpu,
                            Figure.format(sync.rssMb), Figure.format(sync.fileMb));
                }
                progress.printf("[%s] run %d: sequential walk %.2f s, floor %.2f s%n", NAME, run, walk, floor);
            }
        }
        String sizeNote = contacts + " contacts, " + pages + " pages, " + sizes.latencyMs() + " ms, concurrency "
                + sizes.concurrency() + "; embedded default " + embeddedDefault.label;
        table.add(Figure.of(NAME, "sync runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note("failed run " + f));
        if (!PeakRss.available()) {
            table.note(NAME + ": " + PeakRss.missingNote());
        }
        table.add(Figure.of(NAME, "floor = pages x latency / concurrency", "s", repeat(floor, setup.runs())).noted(sizeNote));
        table.add(Figure.of(NAME, "sequential JDK HttpClient walk", "s", sequential));
        // PostgreSQL, the embedded default, then the other embedded engine.
        List<BenchMirror.Kind> reported = new ArrayList<>(List.of(BenchMirror.Kind.POSTGRESQL, embeddedDefault));
        MIRRORS.stream().filter(kind -> !reported.contains(kind)).forEach(reported::add);
        for (BenchMirror.Kind kind : reported) {
            Passes figures = passes.get(kind);
            boolean held = Engines.held(kind, embeddedDefault);
            String into = Engines.into(kind, embeddedDefault);
            table.add(Figure.of(NAME, "klink-sync pass" + into + " (sync_runs.started_at to exit)", "s", figures.pass));
            table.add(Figure.of(NAME, "klink-sync process" + into + " (incl. JVM + Camel start-up)", "s", figures.process));
            Figure floorSpeed = Figure.of(NAME, "speed vs floor" + into + " (floor / pass)", "x", figures.floorSpeed);
            Figure speedup = Figure.of(NAME, "speed-up vs sequential walk" + into + " (walk / pass)", "x", figures.speedup);
            table.add(held ? floorSpeed.atLeast(FLOOR_SPEED_TARGET) : floorSpeed);
            table.add(Figure.of(NAME, "speed vs floor incl. start-up" + into + " (floor / process)", "x",
                    figures.floorSpeedProcess));
            table.add(held ? speedup.atLeast(SEQUENTIAL_SPEEDUP_TARGET) : speedup);
            table.add(Figure.of(NAME, "CPU (user + sys) of the sync process" + into, "s", figures.cpu));
            table.add(Figure.of(NAME, "CPU per page of the sync process" + into, "ms", figures.cpuPerPage));
            table.add(Figure.of(NAME, "peak RSS of the sync process" + into, "MB", figures.rss));
            if (kind.embedded()) {
                table.add(Figure.of(NAME, "mirror file size after the sync" + into, "MB", figures.fileMb));
            }
        }
    }

    /** Bytes per MB (MiB) in the size figures. */
    static final double MB = 1024.0 * 1024.0;

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
