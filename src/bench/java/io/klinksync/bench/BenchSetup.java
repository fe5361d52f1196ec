package io.klinksync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every scenario shares: the jar it runs, the token given to sandbox and klink-sync alike (never
 * printed), the results folder, runs per figure, sizes, the PostgreSQL server, and whether to record JFR.
 */
public record BenchSetup(Path jar, String token, Path outDir, int runs, BenchSizes sizes, String postgresUrl,
                         String postgresUser, boolean flightRecorder) {

    public Path logs() {
        return outDir.resolve("logs");
    }

    public Path work() {
        return outDir.resolve("work");
    }

    /** JVM options of a measured klink-sync process: a JFR recording when asked for, named after the log. */
    public List<String> jvmOptions(String label, List<String> extra) {
        List<String> options = new ArrayList<>(extra);
        if (flightRecorder) {
            createFolder(outDir.resolve("jfr"));
            options.add("-XX:StartFlightRecording=filename=" + outDir.resolve("jfr").resolve(label + ".jfr").toAbsolutePath()
                    + ",settings=profile");
        }
        return options;
    }

    /** The options every measured sync gets: the scenario's base URL and concurrency, no client rate limit. */
    public List<String> syncArgs(String baseUrl, String jdbcUrl, String user, List<String> streams) {
        List<String> args = new ArrayList<>(List.of("sync"));
        for (String stream : streams) {
            args.add("--stream");
            args.add(stream);
        }
        args.addAll(List.of("--jdbc-url", jdbcUrl, "--set", "mirror.jdbc.user=" + user, "--base-url", baseUrl,
                "--set", "sync.page.concurrency=" + sizes.concurrency(), "--set", "sync.page-size=" + sizes.pageSize(),
                "--set", "api.rate-limit=" + UNLIMITED_RATE));
        return args;
    }

    private static void createFolder(Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new BenchException("Cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Requests per second far above anything the sandbox serves: the benchmark measures the client, not its limiter. */
    public static final int UNLIMITED_RATE = 100_000;
}
