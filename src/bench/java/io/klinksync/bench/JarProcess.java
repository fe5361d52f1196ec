package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One klink-sync command run as its own JVM, started by the launcher users run (bin/klink-sync, which execs
 * java -jar with each command's JVM options), so the figures include nothing of the benchmark's own process.
 * Output goes to a log file; VmHWM is sampled from /proc while it runs, and {@link #runMeasured} reads the exact
 * CPU and peak RSS of the JVM at its end, which sampling cannot.
 */
public final class JarProcess {

    /** How often /proc/PID/status is read for the resident-set high-water mark. */
    private static final long RSS_SAMPLE_MILLIS = 200;

    private final Process process;
    private final Path log;
    private final long startedNanos;
    private volatile long peakRssKb = -1;
    private final Thread sampler;

    private JarProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
        this.sampler = new Thread(this::sampleRss, "rss-" + process.pid());
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /** The launcher, relative to the project folder the benchmark runs from. */
    private static final Path LAUNCHER = Path.of("bin", "klink-sync");

    /** Starts `bin/klink-sync ARGS` on JAR with JVM_OPTIONS added and KLINK_TOKEN set, output to LOG. */
    public static JarProcess start(BenchSetup setup, List<String> jvmOptions, List<String> args, Path log) {
        return start(setup, jvmOptions, args, log, null, null);
    }

    /**
     * Runs `bin/klink-sync ARGS` under a bash that waits for it and writes its `times` (user and sys CPU of the
     * JVM, its waited-for child) to CPU_TIMES: exact to the end of the process, which sampling /proc cannot be.
     * The pid and peak RSS of the outcome are then the wrapper's, not the JVM's.
     */
    public static ProcessOutcome runCpuTimed(BenchSetup setup, List<String> jvmOptions, List<String> args, Path log,
                                             Path cpuTimes) {
        return start(setup, jvmOptions, args, log, cpuTimes, null).waitFor();
    }

    /** What {@link #runMeasured} measured: the outcome, CPU seconds (user + sys) and peak RSS in MB (NaN: missing). */
    public record Measured(ProcessOutcome outcome, double cpuSeconds, double peakRssMb) {
    }

    /**
     * As {@link #runCpuTimed}, the CPU times in LOG.times, and when /usr/bin/time is there the launcher runs under
     * `/usr/bin/time -v` (report in LOG.rss), which gives the JVM's peak RSS. The launcher execs java, so the
     * process time waits for is the JVM. A sync that fails throws, naming WHAT and its log.
     */
    public static Measured runMeasured(BenchSetup setup, List<String> jvmOptions, List<String> args, Path log, String what) {
        Path cpuTimes = log.resolveSibling(log.getFileName() + ".times");
        Path rss = PeakRss.available() ? log.resolveSibling(log.getFileName() + ".rss") : null;
        ProcessOutcome outcome = start(setup, jvmOptions, args, log, cpuTimes, rss).waitFor().requireSuccess(what, log);
        double peakMb = rss == null ? Double.NaN : PeakRss.readKb(rss).stream().mapToDouble(kb -> kb / 1024.0)
                .findFirst().orElse(Double.NaN);
        return new Measured(outcome, CpuTimes.childSeconds(cpuTimes), peakMb);
    }

    /** The heap bound bin/klink-sync gives every command (its -Xmx option), which the memory scenario holds to. */
    public static String launcherHeap() {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^options=\\((-Xmx\\w+)").matcher(Files.readString(LAUNCHER));
            return m.find() ? m.group(1) : "default heap (no -Xmx)";
        } catch (IOException e) {
            throw new BenchException("Cannot read the launcher " + LAUNCHER + ": " + e.getMessage(), e);
        }
    }

    private static JarProcess start(BenchSetup setup, List<String> jvmOptions, List<String> args, Path log,
                                    Path cpuTimes, Path rssReport) {
        if (!Files.isRegularFile(LAUNCHER)) {
            throw new BenchException("No launcher at " + LAUNCHER.toAbsolutePath() + "; run the benchmark from the"
                    + " klink-sync project folder.");
        }
        jvmOptions.stream().filter(o -> o.matches(".*\\s.*")).findFirst().ifPresent(o -> {
            throw new BenchException("The JVM option '" + o + "' holds a space, which the launcher's KLINK_JAVA_OPTS"
                    + " cannot carry; choose an --out folder without spaces.");
        });
        List<String> command = new ArrayList<>(cpuTimes == null ? List.of("bash", LAUNCHER.toString())
                : List.of("bash", "-c", (rssReport == null ? "" : "\"" + PeakRss.TIME + "\" -v -o \"$BENCH_RSS_REPORT\" ")
                        + "bash \"$0\" \"$@\"; status=$?; LC_NUMERIC=C; times > \"$KLINK_BENCH_CPU_TIMES\"; exit $status",
                LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The launcher execs java, so the process is the JVM itself: its pid is what /proc is sampled for.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KLINK_JAR", setup.jar().toString());
        builder.environment().put("KLINK_JAVA_OPTS", String.join(" ", jvmOptions));
        builder.environment().put("KLINK_TOKEN", setup.token());
        builder.environment().remove("KLINK_TOKEN_FILE");
        if (cpuTimes != null) {
            builder.environment().put("KLINK_BENCH_CPU_TIMES", cpuTimes.toAbsolutePath().toString());
        }
        if (rssReport != null) {
            // Not a KLINK_ name: klink-sync refuses KLINK_ variables that name no setting.
            builder.environment().put("BENCH_RSS_REPORT", rssReport.toAbsolutePath().toString());
        }
        try {
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            return new JarProcess(builder.start(), log, started);
        } catch (IOException e) {
            throw new BenchException("Cannot start " + String.join(" ", args.subList(0, Math.min(1, args.size())))
                    + " from " + setup.jar() + ": " + e.getMessage() + ". Build the jar first: mvn -o -q package -DskipTests", e);
        }
    }

    /** Runs to the end and answers the outcome; a non-zero exit is the caller's to judge. */
    public static ProcessOutcome run(BenchSetup setup, List<String> jvmOptions, List<String> args, Path log) {
        return start(setup, jvmOptions, args, log).waitFor();
    }

    public ProcessOutcome waitFor() {
        try {
            int exit = process.waitFor();
            long wall = System.nanoTime() - startedNanos;
            java.time.Instant exitedAt = java.time.Instant.now();
            sampler.interrupt();
            sampler.join(TimeUnit.SECONDS.toMillis(1));
            return new ProcessOutcome(exit, wall, exitedAt, peakRssKb);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while waiting for " + log.getFileName(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    private void sampleRss() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
                Thread.sleep(RSS_SAMPLE_MILLIS);
            } catch (IOException | RuntimeException e) {
                return; // the process ended between isAlive and the read, or there is no /proc
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
