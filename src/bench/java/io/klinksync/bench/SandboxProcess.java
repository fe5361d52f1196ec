package io.klinksync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `klink-sync sandbox` in its own JVM, holding exactly the synthetic contacts asked for (no seed data, so
 * page counts are exact) and no request log (it would grow with every page served and skew the sandbox).
 */
public final class SandboxProcess implements AutoCloseable {

    private static final String BASE_URL_LINE = "Base URL: ";
    /** Generous: a million synthetic contacts are generated before the sandbox listens. */
    private static final long START_TIMEOUT_SECONDS = 600;
    private static final long POLL_MILLIS = 100;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final JarProcess process;
    private final String baseUrl;
    private final int contacts;

    private SandboxProcess(JarProcess process, String baseUrl, int contacts) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.contacts = contacts;
    }

    public static SandboxProcess start(BenchSetup setup, String label, int contacts, long latencyMs) {
        List<String> args = new ArrayList<>(List.of("sandbox", "--port", "0", "--no-seed-data",
                "--contacts", Integer.toString(contacts), "--latency-ms", Long.toString(latencyMs),
                "--set", "sandbox.request-log-cap=0"));
        Path log = setup.logs().resolve(label + ".log");
        JarProcess process = JarProcess.start(setup, List.of(), args, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String url = baseUrl(log);
            if (url != null) {
                return new SandboxProcess(process, url, contacts);
            }
            if (!process.process().isAlive()) {
                throw new BenchException("The sandbox " + label + " exited with " + process.process().exitValue()
                        + " before serving; see " + log);
            }
            sleep();
        }
        process.process().destroyForcibly();
        throw new BenchException("The sandbox " + label + " did not print its base URL within " + START_TIMEOUT_SECONDS
                + " s; see " + log);
    }

    private static String baseUrl(Path log) {
        try {
            if (!Files.exists(log)) {
                return null;
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(BASE_URL_LINE)) {
                    return line.substring(BASE_URL_LINE.length()).trim();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // a line half written; read again at the next poll
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while waiting for the sandbox", e);
        }
    }

    /** The API base URL, e.g. http://127.0.0.1:PORT/api/v1. */
    public String baseUrl() {
        return baseUrl;
    }

    public int contacts() {
        return contacts;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Process p = process.process();
        p.destroy(); // SIGTERM: the sandbox's shutdown hook closes the server
        try {
            if (!p.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
