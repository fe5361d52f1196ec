package io.klinksync.bench;

import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.MirrorTable;
import io.klinksync.mirror.StreamTables;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throughput-bound sync into PostgreSQL with no latency, against its two limits measured in the same run, each in
 * a new JVM as cold as the sync's: a fetch-only walk (HTTP + JSON at the same concurrency) and a COPY load of the
 * same rows. Each run's fresh schema is then synced a second time with nothing changed: the no-change re-sync
 * figures.
 */
public final class ThroughputScenario implements Scenario {

    public static final String NAME = "throughput";
    public static final String RESYNC = "resync";
    private static final double LIMIT_RATIO_TARGET = 1.5;
    private static final String STREAM = "contacts";
    /** Flyway holds one connection for its lock and works on another. */
    private static final int MIGRATION_POOL_SIZE = 2;

    private final boolean throughput;
    private final boolean resync;

    /** Either or both of the throughput figures and the re-sync figures; they share the sandbox and schemas. */
    public ThroughputScenario(boolean throughput, boolean resync) {
        this.throughput = throughput;
        this.resync = resync;
    }

    @Override
    public String name() {
        return throughput && resync ? NAME + "+" + RESYNC : throughput ? NAME : RESYNC;
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int contacts = sizes.throughputContacts();
        PostgresSchemas schemas = new PostgresSchemas(setup.postgresUrl(), setup.postgresUser());
        List<String> tables = StreamTables.of(STREAM).allTables().stream().map(MirrorTable::name).toList();
        List<Double> pass = new ArrayList<>();
        List<Double> process = new ArrayList<>();
        List<Double> completion = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        List<Double> limitRatio = new ArrayList<>();
        List<Double> resyncWritten = new ArrayList<>();
        List<Double> resyncPass = new ArrayList<>();
        List<Double> resyncProcess = new ArrayList<>();
        List<Double> resyncRatio = new ArrayList<>();
        List<Double> syncCpu = new ArrayList<>();
        List<Double> resyncCpu = new ArrayList<>();
        List<Double> fetchCpu = new ArrayList<>();
        List<Double> syncCpuRatio = new ArrayList<>();
        List<Double> resyncCpuRatio = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        progress.printf("[%s] sandbox: %d contacts, no latency; PostgreSQL %s%n", name(), contacts, setup.postgresUrl());
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, 0)) {
            PageWalk walker = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize());
            Path pages = setup.work().resolve(NAME + "-pages");
            if (throughput) {
                download(walker, pages, sizes.concurrency());
            }
            for (int run = 1; run <= setup.runs(); run++) {
                String schema = schemas.create("sync");
                String url = schemas.url(schema);
                Map<String, Long> syncRows;
                try {
                    String label = NAME + "-sync-" + run;
                    Path log = setup.logs().resolve(label + ".log");
                    Path firstTimes = setup.logs().resolve(label + ".times");
                    ProcessOutcome first = JarProcess.runCpuTimed(setup, setup.jvmOptions(label, List.of()),
                            setup.syncArgs(sandbox.baseUrl(), url, schemas.user(), List.of(STREAM)), log, firstTimes)
                            .requireSuccess("sync (" + label + ")", log);
                    SyncRunRow firstRow = SyncRunRow.newest(url, schemas.user(), STREAM);
                    LatencyScenario.requireAll(firstRow, contacts, label);
                    syncRows = schemas.counts(schema, tables);
                    String again = RESYNC + "-sync-" + run;
                    Path againLog = setup.logs().resolve(again + ".log");
                    Path againTimes = setup.logs().resolve(again + ".times");
                    ProcessOutcome second = JarProcess.runCpuTimed(setup, setup.jvmOptions(again, List.of()),
                            setup.syncArgs(sandbox.baseUrl(), url, schemas.user(), List.of(STREAM)), againLog, againTimes)
                            .requireSuccess("re-sync (" + again + ")", againLog);
                    syncCpu.add(CpuTimes.childSeconds(firstTimes));
                    resyncCpu.add(CpuTimes.childSeconds(againTimes));
                    SyncRunRow secondRow = SyncRunRow.newest(url, schemas.user(), STREAM);
                    LatencyScenario.requireAll(secondRow, contacts, again);
                    pass.add(firstRow.passSeconds(first));
                    completion.add(firstRow.passSeconds(first) - firstRow.walkSeconds());
                    process.add(first.seconds());
                    resyncWritten.add((double) secondRow.written());
                    resyncPass.add(secondRow.passSeconds(second));
                    resyncProcess.add(second.seconds());
                    resyncRatio.add(secondRow.passSeconds(second) / firstRow.passSeconds(first));
                    progress.printf("[%s] run %d: sync pass %.2f s (process %.2f s); re-sync pass %.2f s, %d rows written%n",
                            name(), run, firstRow.passSeconds(first), first.seconds(), secondRow.passSeconds(second), secondRow.written());
                } catch (BenchException e) {
                    failed.add("run " + run + ": " + e.getMessage());
                    progress.printf("[%s] run %d FAILED: %s%n", name(), run, e.getMessage());
                    continue;
                } finally {
                    schemas.drop(schema);
                }
                if (!throughput) {
                    continue;
                }
                PageWalk.Result walk = PageWalk.walkInFreshJvm(setup, sandbox.baseUrl(), sizes.pageSize(),
                        sizes.concurrency(), setup.logs().resolve(NAME + "-fetch-" + run + ".log"));
                CopyLoad.Result loaded = copy(setup, schemas, pages, syncRows, table, run == 1,
                        setup.logs().resolve(NAME + "-copy-" + run + ".log"));
                fetch.add(walk.seconds());
                copy.add(loaded.seconds());
                limitRatio.add(pass.get(pass.size() - 1) / Math.max(walk.seconds(), loaded.seconds()));
                fetchCpu.add(walk.cpuSeconds());
                syncCpuRatio.add(syncCpu.get(syncCpu.size() - 1) / walk.cpuSeconds());
                resyncCpuRatio.add(resyncCpu.get(resyncCpu.size() - 1) / walk.cpuSeconds());
                progress.printf("[%s] run %d: fetch-only %.2f s, COPY %.2f s; CPU (user + sys): sync %.2f s, re-sync %.2f s,"
                                + " fetch-only walk %.2f s%n", name(), run, walk.seconds(), loaded.seconds(),
                        syncCpu.get(syncCpu.size() - 1), resyncCpu.get(resyncCpu.size() - 1), walk.cpuSeconds());
            }
        } finally {
            if (throughput) {
                H2Files.delete(setup.work().resolve(NAME + "-pages"));
            }
        }
        table.add(Figure.of(name(), "sync runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note(name() + " failed " + f));
        String note = contacts + " contacts, concurrency " + sizes.concurrency() + ", PostgreSQL";
        if (throughput) {
            table.add(Figure.of(NAME, "klink-sync pass (sync_runs.started_at to exit)", "s", pass).noted(note));
            table.add(Figure.of(NAME, "of which after sync_runs.ended_at (delete detection, shutdown)", "s", completion));
            table.add(Figure.of(NAME, "klink-sync process (incl. JVM + Camel start-up)", "s", process));
            table.add(Figure.of(NAME, "(a) fetch-only walk, JDK HttpClient + Jackson", "s", fetch));
            table.add(Figure.of(NAME, "(b) COPY of the same mapped rows", "s", copy));
            table.add(Figure.of(NAME, "klink-sync records per second", "rec/s", perSecond(contacts, pass)));
            table.add(Figure.of(NAME, "pass / max(a, b)", "x", limitRatio).atMost(LIMIT_RATIO_TARGET));
        }
        if (resync) {
            table.add(Figure.of(RESYNC, "rows written by a no-change re-sync (inserted+updated+deleted)", "rows",
                    resyncWritten).atMost(0).noted(note));
            table.add(Figure.of(RESYNC, "re-sync pass", "s", resyncPass));
            table.add(Figure.of(RESYNC, "re-sync process (incl. start-up)", "s", resyncProcess));
            table.add(Figure.of(RESYNC, "re-sync pass / first sync pass", "x", resyncRatio));
        }
        if (throughput) {
            table.add(Figure.of(NAME, "CPU (user + sys) of the sync process", "s", syncCpu));
            table.add(Figure.of(NAME, "CPU (user + sys) of the fetch-only walk's JVM", "s", fetchCpu));
            table.add(Figure.of(NAME, "sync CPU / fetch-only CPU", "x", syncCpuRatio).atMost(2.0));
            if (resync) {
                table.add(Figure.of(RESYNC, "CPU (user + sys) of the re-sync process", "s", resyncCpu));
                table.add(Figure.of(RESYNC, "re-sync CPU / fetch-only CPU", "x", resyncCpuRatio).atMost(1.3));
            }
        }
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

    /** COPY into a fresh, migrated schema; the first run checks COPY wrote as many rows per table as the sync. */
    private static CopyLoad.Result copy(BenchSetup setup, PostgresSchemas schemas, Path pages, Map<String, Long> syncRows,
                                        ResultTable table, boolean compare, Path log) {
        String schema = schemas.create("copy");
        try {
            MirrorDatabase.open(schemas.url(schema), schemas.user(), "", MIGRATION_POOL_SIZE).close();
            CopyLoad.Result loaded = CopyLoad.loadInFreshJvm(setup, schemas.url(schema), schemas.user(), pages, STREAM, log);
            if (compare && !loaded.rows().equals(syncRows)) {
                table.note("COPY baseline rows " + loaded.rows() + " differ from the sync's " + syncRows);
            }
            return loaded;
        } finally {
            schemas.drop(schema);
        }
    }

    private static List<Double> perSecond(long records, List<Double> seconds) {
        return seconds.stream().map(s -> records / s).toList();
    }
}
