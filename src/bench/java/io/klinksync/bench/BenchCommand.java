package io.klinksync.bench;

import io.klinksync.cli.KlinkVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * `bin/klink-sync-bench`: runs sandbox and klink-sync as separate processes and prints figures and ratios, see
 * docs/benchmarks.md. Not a command of the product: built by `mvn -Pbench package` into its own jar.
 */
@Command(name = "klink-sync-bench", mixinStandardHelpOptions = true, versionProvider = KlinkVersion.class,
        description = {"Benchmark sync and import against their limits, measured side by side in the same run:"
                + " sandbox and klink-sync run as separate processes (bin/klink-sync on the product jar).",
                "Scenarios: latency, throughput, resync, resync-deletes, history, sandbox, memory, import, pace (default: all). See docs/benchmarks.md.",
                "Latency syncs into PostgreSQL, SQLite and H2 and holds its targets on PostgreSQL and the embedded default"
                        + " (the engine of mirror.jdbc.url in config/application.properties, read from the folder the"
                        + " benchmark runs from); the other engine is information. Throughput and resync measure the --engine"
                        + " engines and hold their targets on each. CPU (user + sys),"
                        + " CPU per page, peak RSS (from /usr/bin/time -v, missing without it) and the embedded mirror's file"
                        + " size are reported per engine.",
                "Exit codes: 0 every target met, 1 a target missed or a scenario failed, 2 could not start."})
public class BenchCommand implements Callable<Integer> {

    /** Exit code when the benchmark could not start: bad arguments, no product jar. */
    static final int EXIT_CANNOT_START = 2;

    /** A reason the benchmark cannot start; its message is the one line shown. */
    static final class CannotProceedException extends RuntimeException {
        CannotProceedException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage());
            return EXIT_CANNOT_START;
        });
        return cli;
    }

    /** The names --scenario accepts; "import" is both import halves. */
    private static final List<String> NAMES = List.of("latency", "throughput", "resync", ResyncDeletesScenario.NAME,
            HistoryCostScenario.NAME, "sandbox",
            "memory", "import",
            ImportScenario.AT_ZERO, ImportScenario.AT_LATENCY, PaceScenario.NAME);

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "Scenario to run (repeatable): latency, throughput, resync, resync-deletes, history, sandbox, memory, import (or one half of it:"
                    + " import-0ms, import-50ms), pace. Default: all.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs per figure; figures are medians (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "1",
            description = "Multiplies every scenario's record count, e.g. 0.01 for a quick check of the harness (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--jar", paramLabel = "FILE", defaultValue = "target/klink-sync.jar",
            description = "The klink-sync product jar to run (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench", description = "Folder of results, logs and work files (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--postgres-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test",
            description = "PostgreSQL for the latency, throughput, resync, resync-deletes and memory scenarios; each run gets a fresh schema (default ${DEFAULT-VALUE}).")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "postgres", description = "PostgreSQL user (default ${DEFAULT-VALUE}).")
    String postgresUser;

    @Option(names = "--memory-db", paramLabel = "DB", defaultValue = "postgresql",
            description = "Mirror of the memory scenario: postgresql, sqlite or h2 (default ${DEFAULT-VALUE}).")
    String memoryDb;

    @Option(names = "--engine", paramLabel = "ENGINE", split = ",",
            description = "Mirror engine the throughput and resync scenarios measure (repeatable, or a comma list):"
                    + " postgresql, sqlite, h2; each gets its own figures and baselines. Default: postgresql and the"
                    + " embedded default, the engine of mirror.jdbc.url in config/application.properties. The latency"
                    + " scenario always measures all three.")
    List<String> engineNames = new ArrayList<>();

    @Option(names = "--jfr", description = "Record a JFR profile of every measured klink-sync process into OUT/jfr/.")
    boolean flightRecorder;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || scale <= 0) {
            throw new CannotProceedException("--runs must be at least 1 and --scale above 0.");
        }
        if (!List.of("postgresql", "sqlite", "h2").contains(memoryDb)) {
            throw new CannotProceedException("--memory-db is '" + memoryDb + "'; use postgresql, sqlite or h2.");
        }
        Path jarFile = jar;
        if (!Files.isRegularFile(jarFile)) {
            throw new CannotProceedException("No klink-sync jar at " + jarFile + "; build it with mvn -B -q -Pbench package -DskipTests"
                    + " or pass --jar.");
        }
        String token = System.getenv("KLINK_TOKEN");
        if (token == null || token.isBlank()) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            token = "bench-" + HexFormat.of().formatHex(random);
        }
        BenchSetup setup = new BenchSetup(jarFile.toAbsolutePath(), token.trim(), out.toAbsolutePath(), runs,
                BenchSizes.scaled(scale), postgresUrl, postgresUser, flightRecorder);
        Bench bench = new Bench(setup, System.out);
        var table = bench.run(chosen(), "bin/klink-sync-bench" + commandTail());
        boolean allMet = table.figures().stream().noneMatch(f -> "MISSED".equals(f.verdict()));
        return allMet ? 0 : 1;
    }

    private List<Scenario> chosen() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : scenarios) {
            if (!NAMES.contains(name)) {
                throw new CannotProceedException("Unknown scenario '" + name + "'; expected one of " + String.join(", ", NAMES) + ".");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            names.addAll(NAMES);
        }
        List<Scenario> list = new ArrayList<>();
        // Fixed order: the sandbox scenario compares with the throughput sync's page rate, measured before it.
        boolean throughputOrResync = names.contains("throughput") || names.contains("resync");
        BenchMirror.Kind embeddedDefault = names.contains("latency") || throughputOrResync ? embeddedDefault() : null;
        if (names.contains("latency")) {
            list.add(new LatencyScenario(embeddedDefault));
        }
        if (throughputOrResync) {
            list.add(new ThroughputScenario(names.contains("throughput"), names.contains("resync"),
                    engines(embeddedDefault), embeddedDefault));
        }
        if (names.contains(ResyncDeletesScenario.NAME)) {
            list.add(new ResyncDeletesScenario());
        }
        if (names.contains(HistoryCostScenario.NAME)) {
            list.add(new HistoryCostScenario());
        }
        if (names.contains("sandbox")) {
            list.add(new SandboxScenario());
        }
        if (names.contains("memory")) {
            list.add(new MemoryScenario(memoryDb));
        }
        boolean bothImports = names.contains("import");
        if (bothImports || names.contains(ImportScenario.AT_ZERO) || names.contains(ImportScenario.AT_LATENCY)) {
            list.add(new ImportScenario(bothImports || names.contains(ImportScenario.AT_ZERO),
                    bothImports || names.contains(ImportScenario.AT_LATENCY)));
        }
        if (names.contains(PaceScenario.NAME)) {
            list.add(new PaceScenario());
        }
        return list;
    }

    /** The engine of the shipped default mirror URL; the latency and throughput targets are held on it. */
    private static BenchMirror.Kind embeddedDefault() {
        try {
            return Engines.embeddedDefault();
        } catch (RuntimeException e) { // BenchException, or the mirror's own for a URL it does not know
            throw new CannotProceedException(e.getMessage());
        }
    }

    private List<BenchMirror.Kind> engines(BenchMirror.Kind embeddedDefault) {
        try {
            return Engines.parse(engineNames, embeddedDefault);
        } catch (BenchException e) {
            throw new CannotProceedException("--engine: " + e.getMessage());
        }
    }

    private String commandTail() {
        StringBuilder tail = new StringBuilder();
        scenarios.forEach(s -> tail.append(" --scenario ").append(s));
        tail.append(" --runs ").append(runs);
        if (scale != 1) {
            tail.append(" --scale ").append(scale);
        }
        engineNames.forEach(e -> tail.append(" --engine ").append(e));
        if (!memoryDb.equals("postgresql")) {
            tail.append(" --memory-db ").append(memoryDb);
        }
        return tail.toString();
    }
}
