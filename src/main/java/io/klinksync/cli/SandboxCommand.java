package io.klinksync.cli;

import io.klinksync.api.Profile;
import io.klinksync.config.Settings;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** `klink-sync sandbox`: serves the imitation API until Ctrl-C; every option maps to a sandbox.* setting. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Serve a stateful imitation of the API on localhost, for tests, demos and benchmarks.")
public class SandboxCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0 = a free one; default sandbox.port).")
    Integer port;

    @Option(names = "--contacts", paramLabel = "N", description = "Synthetic contacts added to the seed data.")
    Integer contacts;

    @Option(names = "--conversations", paramLabel = "N", description = "Synthetic conversations added to the seed data.")
    Integer conversations;

    @Option(names = "--groups", paramLabel = "N", description = "Synthetic groups added to the seed data.")
    Integer groups;

    @Option(names = "--latency-ms", paramLabel = "N", description = "Response time of every request, in milliseconds: the answer leaves N ms after the request arrived.")
    Long latencyMs;

    @Option(names = "--rate-limit", paramLabel = "N", description = "Requests per second before answering 429 (0 = no limit).")
    Integer rateLimit;

    @Option(names = "--fault-rate", paramLabel = "X", description = "Share of requests (0..1) answered with a random fault (5xx, malformed or truncated JSON).")
    Double faultRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic records (same seed, same records).")
    Long seed;

    @Option(names = "--no-seed-data", negatable = true, description = "Leave out the seed data of samples/sandbox (contact fields stay).")
    boolean noSeedData;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "sandbox.port", port);
        put(values, "sandbox.contacts", contacts);
        put(values, "sandbox.conversations", conversations);
        put(values, "sandbox.groups", groups);
        put(values, "sandbox.latency-ms", latencyMs);
        put(values, "sandbox.rate-limit", rateLimit);
        put(values, "sandbox.fault-rate", faultRate);
        put(values, "sandbox.seed", seed);
        Settings settings = config.load(values);
        Profile profile = Profile.from(settings);

        String envToken = System.getenv("KLINK_TOKEN");
        boolean fromEnv = envToken != null && !envToken.isBlank();
        SandboxOptions options = SandboxOptions.defaults()
                .deployment(SandboxDeployments.of(profile))
                .port(settings.getInt("sandbox.port"))
                .token(fromEnv ? envToken.trim() : SandboxOptions.DEFAULT_TOKEN)
                .contacts(settings.getInt("sandbox.contacts"))
                .conversations(settings.getInt("sandbox.conversations"))
                .groups(settings.getInt("sandbox.groups"))
                .syntheticSeed(settings.getLong("sandbox.seed"))
                .seedData(!noSeedData);
        SandboxServer server;
        try {
            server = SandboxServer.start(options);
        } catch (IllegalStateException e) {
            throw new CannotProceedException(e.getMessage(), e);
        }
        server.knobs()
                .latencyMs(settings.getLong("sandbox.latency-ms"))
                .rateLimit(settings.getInt("sandbox.rate-limit"))
                .faultRate(settings.getDouble("sandbox.fault-rate"))
                .requestLogCap(settings.getInt("sandbox.request-log-cap"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        PrintStream out = System.out;
        out.println("Sandbox for " + profile.title() + " (profile " + profile.name() + ") serving " + profile.streams().keySet());
        out.println("Base URL: " + server.baseUrl());
        out.println(fromEnv ? "Accepting the token from KLINK_TOKEN." : "Accepting the sandbox token (see samples/sandbox/README.md).");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static void put(Map<String, String> values, String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }
}
