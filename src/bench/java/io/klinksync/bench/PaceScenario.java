package io.klinksync.bench;

import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * api.rate-limit=auto against a sandbox that serves N requests per second: a resync of contacts (after an
 * unmeasured first sync that fills the mirror), then an import, each a klink-sync process of its own that starts
 * knowing nothing of the limit. The sandbox runs in this JVM, so
 * its request log tells exactly what it received and refused; the figures are the rate of each phase's main
 * requests (list pages; creates and updates) against N, and the 429s.
 */
public final class PaceScenario implements Scenario {

    public static final String NAME = "pace";
    /** The sandbox's requests per second. */
    static final int LIMIT = 20;
    private static final double RATE_TARGET = 0.9;
    private static final int MOST_429S = 5;
    /**
     * 300 list pages of 20: about 16 s at the limit, long enough that the climb at the start is a small part, and
     * small pages, so that the client's work per page (compare, write) stays well below what the pace allows.
     */
    private static final int CONTACTS = 6_000;
    private static final int PAGE_SIZE = 20;
    /** 300 writes (150 updates, 150 creates): about 16 s at the limit. */
    private static final int IMPORT_ROWS = 300;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        Phase sync = new Phase("sync", r -> r.method().equals("GET") && r.path().endsWith("/contacts"));
        Phase load = new Phase("import", r -> r.method().equals("POST") || r.method().equals("PUT") || r.method().equals("PATCH"));
        progress.printf("[%s] sandbox limited to %d requests/s, %d contacts in pages of %d; resync of contacts, then an"
                + " import of %d rows, api.rate-limit=auto%n", NAME, LIMIT, CONTACTS, PAGE_SIZE, IMPORT_ROWS);
        for (int number = 1; number <= setup.runs(); number++) {
            String label = NAME + "-" + number;
            Path runDir = setup.work().resolve(label);
            String url = H2Files.fresh(runDir);
            try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().profile("klink").port(0)
                    .token(setup.token()).contacts(CONTACTS).seedData(false))) {
                Path csv = importFile(sandbox, runDir);
                List<String> syncArgs = List.of("sync", "--stream", "contact_fields", "--stream", "contacts",
                        "--jdbc-url", url, "--set", "mirror.jdbc.user=sa", "--base-url", sandbox.baseUrl(),
                        "--set", "sync.page-size=" + PAGE_SIZE);
                // The first sync fills the mirror, unlimited and unmeasured: inserting is not what is measured here.
                Path fillLog = setup.logs().resolve(label + "-fill.log");
                JarProcess.run(setup, List.of(), append(syncArgs, "api.rate-limit=0"), fillLog).requireSuccess(label + " fill", fillLog);
                sandbox.knobs().rateLimit(LIMIT);
                sandbox.clearRequests();
                sync.measure(setup, label, sandbox, append(syncArgs, "api.rate-limit=auto"), progress);
                load.measure(setup, label, sandbox, List.of("import", csv.toString(), "--jdbc-url", url,
                        "--set", "mirror.jdbc.user=sa", "--base-url", sandbox.baseUrl(), "--set", "api.rate-limit=auto"), progress);
            }
            H2Files.delete(runDir);
        }
        sync.report(table);
        load.report(table);
    }

    private static List<String> append(List<String> args, String setting) {
        List<String> all = new ArrayList<>(args);
        all.add("--set");
        all.add(setting);
        return all;
    }

    /** The import's CSV: updates of half the sandbox's first contacts and as many new ones, walked before the limit is on. */
    private static Path importFile(SandboxServer sandbox, Path runDir) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        new PageWalk(sandbox.baseUrl(), sandbox.token(), PAGE_SIZE).walk(BenchSizes.CONCURRENCY,
                (n, body, page) -> page.path("data").forEach(c -> ids.add(c.path("id").asText())));
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        Path csv = runDir.resolve("contacts.csv");
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new BenchException("Cannot create " + runDir + ": " + e.getMessage(), e);
        }
        new ImportWorkload(sorted, IMPORT_ROWS).writeCsv(csv);
        return csv;
    }

    /** One measured process (sync or import) per run, and its figures over the runs. */
    private static final class Phase {
        private final String name;
        private final Predicate<RecordedRequest> mainKind;
        private final List<Double> rates = new ArrayList<>();
        private final List<Double> refused = new ArrayList<>();
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private long mainRequests;

        Phase(String name, Predicate<RecordedRequest> mainKind) {
            this.name = name;
            this.mainKind = mainKind;
        }

        void measure(BenchSetup setup, String label, SandboxServer sandbox, List<String> args, PrintStream progress) {
            String run = label + "-" + name;
            Path log = setup.logs().resolve(run + ".log");
            Path cpuTimes = setup.logs().resolve(run + ".cpu");
            ProcessOutcome outcome = JarProcess.runCpuTimed(setup, setup.jvmOptions(run, List.of()), args, log, cpuTimes)
                    .requireSuccess(run, log);
            PhaseRequests requests = PhaseRequests.of(sandbox.requests(), mainKind);
            sandbox.clearRequests();
            double cpuSeconds = CpuTimes.childSeconds(cpuTimes);
            rates.add(requests.servedPerSecond());
            refused.add((double) requests.refused());
            wall.add(outcome.seconds());
            cpu.add(cpuSeconds);
            mainRequests = requests.main();
            progress.printf("[%s] %s: %.1f requests/s of %d (%d main requests), %d answered 429; process %.1f s, CPU %.1f s%n",
                    NAME, run, requests.servedPerSecond(), LIMIT, requests.main(), requests.refused(), outcome.seconds(), cpuSeconds);
        }

        void report(ResultTable table) {
            String tag = NAME + "-" + name;
            table.add(Figure.of(tag, name + " requests per second achieved, sandbox limit " + LIMIT, "req/s", rates)
                    .atLeast(RATE_TARGET * LIMIT).noted(mainRequests + " requests, api.rate-limit=auto"));
            table.add(Figure.of(tag, name + " requests answered 429", "", refused).atMost(MOST_429S));
            table.add(Figure.of(tag, name + " process wall time (incl. JVM + Camel start-up)", "s", wall));
            table.add(Figure.of(tag, name + " process CPU (user + sys)", "s", cpu));
        }
    }
}
