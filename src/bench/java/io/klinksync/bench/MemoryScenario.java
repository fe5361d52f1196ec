package io.klinksync.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory: a large contacts sync under a small heap must complete; its peak RSS (VmHWM) and peak heap (from
 * its GC log) show whether memory stays bounded by a page rather than growing with the stream.
 */
public final class MemoryScenario implements Scenario {

    public static final String NAME = "memory";
    private static final String STREAM = "contacts";

    /** Where the sync writes: "postgresql" (the database's memory is not the sync's), or "sqlite" or "h2" (embedded, counted). */
    private final BenchMirror.Kind database;

    public MemoryScenario(String database) {
        this.database = BenchMirror.Kind.of(database);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int contacts = sizes.memoryContacts();
        List<Double> completed = new ArrayList<>();
        List<Double> pass = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> collections = new ArrayList<>();
        String bound = JarProcess.launcherHeap();
        progress.printf("[%s] sandbox: %d contacts, no latency; sync under the launcher's %s into %s%n", NAME, contacts,
                bound, database.label);
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, 0)) {
            for (int run = 1; run <= setup.runs(); run++) {
                String label = NAME + "-sync-" + run;
                Path log = setup.logs().resolve(label + ".log");
                Path gcLog = setup.logs().resolve(label + ".gc.log");
                try (BenchMirror mirror = BenchMirror.fresh(database, setup, label)) {
                    ProcessOutcome sync = JarProcess.run(setup,
                            setup.jvmOptions(label, List.of(GcLog.option(gcLog))),
                            setup.syncArgs(sandbox.baseUrl(), mirror.url(), mirror.user(), List.of(STREAM)), log);
                    boolean ok = sync.exitCode() == 0;
                    SyncRunRow row = ok ? SyncRunRow.newest(mirror.url(), mirror.user(), STREAM) : null;
                    ok = ok && "success".equals(row.status()) && row.seen() == contacts;
                    GcLog.Peak peak = GcLog.peak(gcLog);
                    completed.add(ok ? 1.0 : 0.0);
                    pass.add(ok ? row.passSeconds(sync) : Double.NaN);
                    rss.add(sync.peakRssKb() / 1024.0);
                    heap.add(peak.usedMb());
                    collections.add((double) peak.collections());
                    progress.printf("[%s] run %d: %s in %.1f s, peak RSS %.0f MB, peak heap %.0f MB (%d collections)%n",
                            NAME, run, ok ? "completed" : "FAILED (see " + log + ")", sync.seconds(),
                            sync.peakRssKb() / 1024.0, peak.usedMb(), peak.collections());
                }
            }
        }
        String note = contacts + " contacts, bin/klink-sync's " + bound + ", " + database.label;
        table.add(Figure.of(NAME, "sync completed (1 = yes)", "", completed).atLeast(1).noted(note));
        table.add(Figure.of(NAME, "sync pass", "s", pass));
        table.add(Figure.of(NAME, "peak RSS of the sync process (VmHWM)", "MB", rss));
        table.add(Figure.of(NAME, "peak heap used (before a GC, from -Xlog:gc)", "MB", heap));
        table.add(Figure.of(NAME, "garbage collections", "", collections));
    }
}
