package io.klinksync.bench;

import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.MirrorTable;
import io.klinksync.mirror.StreamTables;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput-bound sync with no latency, into each chosen mirror engine (--engine: PostgreSQL and the embedded
 * default unless told otherwise), against its two limits measured in the same run beside it, each in a new JVM as
 * cold as the sync's: a fetch-only walk (HTTP + JSON at the same concurrency) and a bulk load of the same mapped
 * rows by the engine's fastest API: COPY on PostgreSQL ({@link CopyLoad}), one batched plain-JDBC transaction on
 * the embedded engines ({@link JdbcLoad}). Each run's fresh mirror is then synced a second time with nothing
 * changed: the no-change re-sync figures. CPU (user + sys), peak RSS and file size are reported per engine,
 * because an embedded engine's work is the sync process's own.
 */
public final class ThroughputScenario implements Scenario {

    public static final String NAME = "throughput";
    public static final String RESYNC = "resync";
    private static final double LIMIT_RATIO_TARGET = 1.5;
    private static final double SYNC_CPU_TARGET = 2.0;
    private static final double RESYNC_CPU_TARGET = 1.3;
    private static final String STREAM = "contacts";
    /** Flyway holds one connection for its lock and works on another. */
    private static final int MIGRATION_POOL_SIZE = 2;

    private final boolean throughput;
    private final boolean resync;
    private final List<BenchMirror.Kind> engines;
    private final BenchMirror.Kind embeddedDefault;

    /**
     * Either or both of the throughput figures and the re-sync figures (they share the sandbox and mirrors), for
     * each of ENGINES in turn.
     */
    public ThroughputScenario(boolean throughput, boolean resync, List<BenchMirror.Kind> engines,
                              BenchMirror.Kind embeddedDefault) {
        this.throughput = throughput;
        this.resync = resync;
        this.engines = List.copyOf(engines);
        this.embeddedDefault = embeddedDefault;
    }

    @Override
    public String name() {
        return throughput && resync ? NAME + "+" + RESYNC : throughput ? NAME : RESYNC;
    }

    /** One engine's figures over the runs. */
    private static final class Series {
        final List<Double> pass = new ArrayList<>();
        final List<Double> process = new ArrayList<>();
        final List<Double> completion = new ArrayList<>();
        final List<Double> fetch = new ArrayList<>();
        final List<Double> load = new ArrayList<>();
        final List<Double> limitRatio = new ArrayList<>();
        final List<Double> syncCpu = new ArrayList<>();
        final List<Double> syncCpuPerPage = new ArrayList<>();
        final List<Double> syncRss = new ArrayList<>();
        final List<Double> syncFileMb = new ArrayList<>();
        final List<Double> loadFileMb = new ArrayList<>();
        final List<Double> fetchCpu = new ArrayList<>();
        final List<Double> syncCpuRatio = new ArrayList<>();
        final List<Double> resyncWritten = new ArrayList<>();
        final List<Double> resyncPass = new ArrayList<>();
        final List<Double> resyncProcess = new ArrayList<>();
        final List<Double> resyncRatio = new ArrayList<>();
        final List<Double> resyncCpu = new ArrayList<>();
        final List<Double> resyncCpuPerPage = new ArrayList<>();
        final List<Double> resyncRss = new ArrayList<>();
        final List<Double> resyncFileMb = new ArrayList<>();
        final List<Double> resyncCpuRatio = new ArrayList<>();
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int contacts = sizes.throughputContacts();
        int pageCount = sizes.pages(contacts);
        List<String> tables = StreamTables.of(STREAM).allTables().stream().map(MirrorTable::name).toList();
        Map<BenchMirror.Kind, Series> series = new EnumMap<>(BenchMirror.Kind.class);
        engines.forEach(kind -> series.put(kind, new Series()));
        List<String> failed = new ArrayList<>();
        progress.printf("[%s] sandbox: %d contacts, no latency; engines %s (embedded default %s); PostgreSQL %s%n", name(),
                contacts, engines.stream().map(BenchMirror.Kind::id).toList(), embeddedDefault.id(), setup.postgresUrl());
        Path pages = setup.work().resolve(NAME + "-pages");
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, 0)) {
            PageWalk walker = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize());
            if (throughput) {
                download(walker, pages, sizes.concurrency());
            }
            for (int run = 1; run <= setup.runs(); run++) {
                for (BenchMirror.Kind kind : LatencyScenario.order(engines, run)) {
                    Series s = series.get(kind);
                    Map<String, Long> syncRows;
                    double first;
                    double firstCpu;
                    double secondCpu;
                    String label = NAME + "-sync-" + kind.id() + "-" + run;
                    try (BenchMirror mirror = BenchMirror.fresh(kind, setup, label)) {
                        Synced firstSync = syncAll(setup, sandbox, mirror, label, "sync", contacts);
                        JarProcess.Measured sync = firstSync.measured();
                        SyncRunRow firstRow = firstSync.row();
                        syncRows = mirror.counts(tables);
                        double firstFileMb = mirror.fileBytes() / LatencyScenario.MB;
                        String again = RESYNC + "-sync-" + kind.id() + "-" + run;
                        Synced secondSync = syncAll(setup, sandbox, mirror, again, "re-sync", contacts);
                        JarProcess.Measured second = secondSync.measured();
                        SyncRunRow secondRow = secondSync.row();
                        first = firstRow.passSeconds(sync.outcome());
                        firstCpu = sync.cpuSeconds();
                        secondCpu = second.cpuSeconds();
                        s.pass.add(first);
                        s.completion.add(first - firstRow.walkSeconds());
                        s.process.add(sync.outcome().seconds());
                        s.syncCpu.add(firstCpu);
                        s.syncCpuPerPage.add(firstCpu * 1000 / pageCount);
                        s.syncRss.add(sync.peakRssMb());
                        s.syncFileMb.add(firstFileMb);
                        s.resyncWritten.add((double) secondRow.written());
                        s.resyncPass.add(secondRow.passSeconds(second.outcome()));
                        s.resyncProcess.add(second.outcome().seconds());
                        s.resyncRatio.add(secondRow.passSeconds(second.outcome()) / first);
                        s.resyncCpu.add(secondCpu);
                        s.resyncCpuPerPage.add(secondCpu * 1000 / pageCount);
                        s.resyncRss.add(second.peakRssMb());
                        s.resyncFileMb.add(mirror.fileBytes() / LatencyScenario.MB);
                        progress.printf("[%s] run %d into %s: sync pass %.2f s (process %.2f s, CPU %.2f s); re-sync pass"
                                        + " %.2f s (CPU %.2f s), %d rows written%n", name(), run, kind.label, first,
                                sync.outcome().seconds(), firstCpu, secondRow.passSeconds(second.outcome()), secondCpu,
                                secondRow.written());
                    } catch (BenchException e) {
                        failed.add("run " + run + " into " + kind.label + ": " + e.getMessage());
                        progress.printf("[%s] run %d into %s FAILED: %s%n", name(), run, kind.label, e.getMessage());
                        continue;
                    }
                    if (!throughput) {
                        continue;
                    }
                    PageWalk.Result walk = PageWalk.walkInFreshJvm(setup, sandbox.baseUrl(), sizes.pageSize(),
                            sizes.concurrency(), setup.logs().resolve(NAME + "-fetch-" + kind.id() + "-" + run + ".log"));
                    Loaded loaded = bulkLoad(setup, kind, pages, syncRows, table, run == 1, run);
                    s.fetch.add(walk.seconds());
                    s.load.add(loaded.result.seconds());
                    s.loadFileMb.add(loaded.fileMb);
                    s.limitRatio.add(first / Math.max(walk.seconds(), loaded.result.seconds()));
                    s.fetchCpu.add(walk.cpuSeconds());
                    s.syncCpuRatio.add(firstCpu / walk.cpuSeconds());
                    s.resyncCpuRatio.add(secondCpu / walk.cpuSeconds());
                    progress.printf("[%s] run %d into %s: fetch-only %.2f s, %s %.2f s; CPU (user + sys): sync %.2f s,"
                                    + " re-sync %.2f s, fetch-only walk %.2f s%n", name(), run, kind.label, walk.seconds(),
                            loadName(kind), loaded.result.seconds(), firstCpu, secondCpu, walk.cpuSeconds());
                }
            }
        } finally {
            if (throughput) {
                H2Files.delete(pages);
            }
        }
        report(table, series, failed, contacts, sizes);
    }

    private void report(ResultTable table, Map<BenchMirror.Kind, Series> series, List<String> failed, int contacts,
                        BenchSizes sizes) {
        table.add(Figure.of(name(), "sync runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note(name() + " failed " + f));
        if (!PeakRss.available()) {
            table.note(name() + ": " + PeakRss.missingNote());
        }
        for (BenchMirror.Kind kind : engines) {
            Series s = series.get(kind);
            String into = " into " + kind.label + (kind == embeddedDefault ? " (the embedded default)" : "");
            String note = contacts + " contacts, " + sizes.pages(contacts) + " pages, concurrency " + sizes.concurrency()
                    + ", " + kind.label;
            if (throughput) {
                table.add(Figure.of(NAME, "klink-sync pass" + into + " (sync_runs.started_at to exit)", "s", s.pass).noted(note));
                table.add(Figure.of(NAME, "of which after sync_runs.ended_at" + into + " (delete detection, shutdown)", "s",
                        s.completion));
                table.add(Figure.of(NAME, "klink-sync process" + into + " (incl. JVM + Camel start-up)", "s", s.process));
                table.add(Figure.of(NAME, "(a) fetch-only walk beside the sync" + into + ", JDK HttpClient + Jackson", "s",
                        s.fetch));
                table.add(Figure.of(NAME, "(b) " + loadName(kind) + " of the same mapped rows" + into, "s", s.load));
                table.add(Figure.of(NAME, "klink-sync records per second" + into, "rec/s", perSecond(contacts, s.pass)));
                table.add(Figure.of(NAME, "pass / max(a, b)" + into, "x", s.limitRatio).atMost(LIMIT_RATIO_TARGET));
            }
            // The first sync's figures belong to the throughput scenario, or to the re-sync when it runs alone.
            String firstSync = throughput ? NAME : RESYNC;
            table.add(Figure.of(firstSync, "CPU (user + sys) of the sync process" + into, "s", s.syncCpu));
            if (throughput) {
                table.add(Figure.of(NAME, "CPU (user + sys) of the fetch-only walk's JVM" + into, "s", s.fetchCpu));
                table.add(Figure.of(NAME, "sync CPU / fetch-only CPU" + into, "x", s.syncCpuRatio).atMost(SYNC_CPU_TARGET));
            }
            table.add(Figure.of(firstSync, "CPU per page of the sync process" + into, "ms", s.syncCpuPerPage));
            table.add(Figure.of(firstSync, "peak RSS of the sync process" + into, "MB", s.syncRss));
            if (kind.embedded()) {
                table.add(Figure.of(firstSync, "mirror file size after the sync" + into, "MB", s.syncFileMb));
                if (throughput) {
                    table.add(Figure.of(NAME, "file size after (b)" + into, "MB", s.loadFileMb));
                }
            }
            if (resync) {
                Figure written = Figure.of(RESYNC, "rows written by a no-change re-sync" + into
                        + " (inserted+updated+deleted)", "rows", s.resyncWritten).atMost(0);
                table.add(throughput ? written : written.noted(note));
                table.add(Figure.of(RESYNC, "re-sync pass" + into, "s", s.resyncPass));
                table.add(Figure.of(RESYNC, "re-sync process" + into + " (incl. start-up)", "s", s.resyncProcess));
                table.add(Figure.of(RESYNC, "re-sync pass / first sync pass" + into, "x", s.resyncRatio));
                table.add(Figure.of(RESYNC, "CPU (user + sys) of the re-sync process" + into, "s", s.resyncCpu));
                if (throughput) {
                    table.add(Figure.of(RESYNC, "re-sync CPU / fetch-only CPU" + into, "x", s.resyncCpuRatio)
                            .atMost(RESYNC_CPU_TARGET));
                }
                table.add(Figure.of(RESYNC, "CPU per page of the re-sync process" + into, "ms", s.resyncCpuPerPage));
                table.add(Figure.of(RESYNC, "peak RSS of the re-sync process" + into, "MB", s.resyncRss));
                if (kind.embedded()) {
                    table.add(Figure.of(RESYNC, "mirror file size after the re-sync" + into, "MB", s.resyncFileMb));
                }
            }
        }
    }

    /** A measured sync process and the sync_runs row it left. */
    private record Synced(JarProcess.Measured measured, SyncRunRow row) {
    }

    /** One measured `sync --stream contacts` into the mirror, which must end success having seen every contact. */
    private static Synced syncAll(BenchSetup setup, SandboxProcess sandbox, BenchMirror mirror, String label, String what,
                                  int contacts) {
        JarProcess.Measured measured = JarProcess.runMeasured(setup, setup.jvmOptions(label, List.of()),
                setup.syncArgs(sandbox.baseUrl(), mirror.url(), mirror.user(), List.of(STREAM)),
                setup.logs().resolve(label + ".log"), what + " (" + label + ")");
        SyncRunRow row = SyncRunRow.newest(mirror.url(), mirror.user(), STREAM);
        LatencyScenario.requireAll(row, contacts, label);
        return new Synced(measured, row);
    }

    private static String loadName(BenchMirror.Kind kind) {
        return kind == BenchMirror.Kind.POSTGRESQL ? "COPY" : "batched JDBC load";
    }

    private static void download(PageWalk walker, Path pages, int concurrency) {
        H2Files.delete(pages);
        try {
            Files.createDirectories(pages);
        } catch (IOException e) {
            throw new BenchException("Cannot create " + pages + ": " + e.getMessage(), e);
        }
        walker.walk(concurrency, (number, body, page) ->
                Files.write(pages.resolve(String.format("page-%07d.json", number)), body));
    }

    private record Loaded(CopyLoad.Result result, double fileMb) {
    }

    /**
     * The engine's bulk load into a fresh mirror migrated by the product (COPY on PostgreSQL, a batched JDBC
     * transaction on the embedded engines); the first run checks it wrote as many rows per table as the sync.
     */
    private static Loaded bulkLoad(BenchSetup setup, BenchMirror.Kind kind, Path pages, Map<String, Long> syncRows,
                                   ResultTable table, boolean compare, int run) {
        String label = NAME + "-load-" + kind.id() + "-" + run;
        Path log = setup.logs().resolve(label + ".log");
        try (BenchMirror mirror = BenchMirror.fresh(kind, setup, label)) {
            MirrorDatabase.open(mirror.url(), mirror.user(), "", MIGRATION_POOL_SIZE).close();
            CopyLoad.Result loaded = kind == BenchMirror.Kind.POSTGRESQL
                    ? CopyLoad.loadInFreshJvm(setup, mirror.url(), mirror.user(), pages, STREAM, log)
                    : JdbcLoad.loadInFreshJvm(setup, mirror.url(), mirror.user(), pages, STREAM, log);
            if (compare && !loaded.rows().equals(syncRows)) {
                table.note(loadName(kind) + " baseline rows into " + kind.label + " " + loaded.rows()
                        + " differ from the sync's " + syncRows);
            }
            return new Loaded(loaded, mirror.fileBytes() / LatencyScenario.MB);
        }
    }

    private static List<Double> perSecond(long records, List<Double> seconds) {
        return seconds.stream().map(s -> records / s).toList();
    }
}
