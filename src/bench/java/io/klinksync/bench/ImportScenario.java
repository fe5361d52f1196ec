package io.klinksync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Contacts import, half creates and half updates, at the import's concurrency, with no latency and with the
 * latency of the latency scenario; compared in each run with a plain JDK HttpClient loop sending the same
 * requests at the same concurrency. Each side gets a fresh sandbox; the contacts it holds afterwards show
 * whether any create was sent twice. Both sides start cold: the loop runs in a new JVM each run, timed from its
 * first request, and the target holds the import run (from its import_runs.started_at, after start-up, to
 * process exit); the import's whole process time and its ratio are reported beside it.
 */
public final class ImportScenario implements Scenario {

    public static final String NAME = "import";
    /** The halves, runnable on their own: no latency, and the latency scenario's latency. */
    public static final String AT_ZERO = NAME + "-0ms";
    public static final String AT_LATENCY = NAME + "-" + BenchSizes.LATENCY_MS + "ms";
    private static final double THROUGHPUT_TARGET = 0.8;

    private final boolean atZero;
    private final boolean atLatency;

    public ImportScenario(boolean atZero, boolean atLatency) {
        this.atZero = atZero;
        this.atLatency = atLatency;
    }

    @Override
    public String name() {
        return atZero && atLatency ? NAME : atZero ? AT_ZERO : AT_LATENCY;
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int rows = sizes.importRows();
        int existing = ImportWorkload.updates(rows);
        long expected = existing + ImportWorkload.creates(rows);
        Path csv = setup.work().resolve(NAME).resolve("contacts-" + rows + ".csv");
        Path requests = setup.work().resolve(NAME).resolve("requests-" + rows + ".tsv");
        ImportWorkload workload = null;
        List<Long> latencies = new ArrayList<>();
        if (atZero) {
            latencies.add(0L);
        }
        if (atLatency) {
            latencies.add(sizes.importLatencyMs());
        }
        for (long latency : latencies) {
            String tag = NAME + "-" + latency + "ms";
            List<Double> runSeconds = new ArrayList<>();
            List<Double> processSeconds = new ArrayList<>();
            List<Double> loopSeconds = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            List<Double> processRatio = new ArrayList<>();
            List<Double> duplicates = new ArrayList<>();
            List<Double> loopDuplicates = new ArrayList<>();
            progress.printf("[%s] %d rows (%d updates, %d creates), %d ms latency, concurrency %d%n", NAME, rows, existing,
                    ImportWorkload.creates(rows), latency, sizes.concurrency());
            for (int number = 1; number <= setup.runs(); number++) {
                String label = tag + "-" + number;
                ProcessOutcome outcome;
                ImportRunRow importRun;
                long total;
                try (SandboxProcess sandbox = SandboxProcess.start(setup, label + "-sandbox", existing, latency)) {
                    PageWalk walker = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize());
                    if (workload == null) {
                        workload = new ImportWorkload(ids(walker, sizes.concurrency()), rows);
                        createParent(csv);
                        workload.writeCsv(csv);
                        workload.writeRequests(requests);
                    }
                    Path runDir = setup.work().resolve(label);
                    String url = H2Files.fresh(runDir);
                    Path file = copy(csv, runDir.resolve(csv.getFileName()));
                    Path syncLog = setup.logs().resolve(label + "-presync.log");
                    JarProcess.run(setup, List.of(), setup.syncArgs(sandbox.baseUrl(), url, "sa",
                            List.of("contact_fields", "contacts")), syncLog).requireSuccess("the sync before " + label, syncLog);
                    Path log = setup.logs().resolve(label + ".log");
                    outcome = JarProcess.run(setup, setup.jvmOptions(label, List.of()), List.of("import", file.toString(),
                            "--jdbc-url", url, "--set", "mirror.jdbc.user=sa", "--base-url", sandbox.baseUrl(),
                            "--set", "import.concurrency=" + sizes.concurrency(),
                            "--set", "api.rate-limit=" + BenchSetup.UNLIMITED_RATE), log).requireSuccess("import (" + label + ")", log);
                    importRun = ImportRunRow.newest(url, "sa");
                    total = walker.total();
                    H2Files.delete(runDir);
                }
                ImportLoop.Result loop;
                long loopTotal;
                try (SandboxProcess sandbox = SandboxProcess.start(setup, label + "-loop-sandbox", existing, latency)) {
                    loop = ImportLoop.runInFreshJvm(setup, sandbox.baseUrl(), requests, sizes.concurrency(),
                            setup.logs().resolve(label + "-loop.log"));
                    loopTotal = new PageWalk(sandbox.baseUrl(), setup.token(), sizes.pageSize()).total();
                }
                if (loop.failed() > 0) {
                    table.note(label + ": the plain loop had " + loop.failed() + " failed requests");
                }
                double seconds = importRun.runSeconds(outcome);
                runSeconds.add(seconds);
                processSeconds.add(outcome.seconds());
                loopSeconds.add(loop.seconds());
                ratio.add(loop.seconds() / seconds);
                processRatio.add(loop.seconds() / outcome.seconds());
                duplicates.add((double) (total - expected));
                loopDuplicates.add((double) (loopTotal - expected));
                progress.printf("[%s] run %d: import run %.2f s (%.0f rows/s; process %.2f s), loop %.2f s (%.0f rows/s),"
                                + " contacts after import %d (expected %d)%n", tag, number, seconds, rows / seconds, outcome.seconds(),
                        loop.seconds(), rows / loop.seconds(), total, expected);
            }
            String note = rows + " rows, " + latency + " ms latency, concurrency " + sizes.concurrency();
            table.add(Figure.of(tag, "klink-sync import run (import_runs.started_at to exit; planning included)", "s",
                    runSeconds).noted(note));
            table.add(Figure.of(tag, "klink-sync import process (incl. JVM + Camel start-up)", "s", processSeconds));
            table.add(Figure.of(tag, "plain JDK HttpClient loop, same requests", "s", loopSeconds));
            table.add(Figure.of(tag, "import rows per second (run)", "rows/s", runSeconds.stream().map(s -> rows / s).toList()));
            table.add(Figure.of(tag, "loop rows per second", "rows/s", loopSeconds.stream().map(s -> rows / s).toList()));
            table.add(Figure.of(tag, "import throughput / loop throughput (loop / run)", "x", ratio).atLeast(THROUGHPUT_TARGET));
            table.add(Figure.of(tag, "same, incl. start-up (loop / process)", "x", processRatio));
            table.add(Figure.of(tag, "contacts after import minus expected (duplicates)", "", duplicates).atMost(0));
            table.add(Figure.of(tag, "contacts after loop minus expected", "", loopDuplicates));
        }
    }

    /** The ids of the sandbox's contacts in list order: the rows the CSV updates. */
    private static List<String> ids(PageWalk walker, int concurrency) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        walker.walk(concurrency, (number, body, page) -> page.path("data").forEach(c -> ids.add(c.path("id").asText())));
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        return sorted;
    }

    private static void createParent(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new BenchException("Cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static Path copy(Path from, Path to) {
        try {
            return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BenchException("Cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
