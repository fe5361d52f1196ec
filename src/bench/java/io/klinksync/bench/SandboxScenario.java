package io.klinksync.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's own capacity: several JDK HttpClient threads asking for random 100-record pages for a few
 * seconds. If the sandbox serves fewer pages per second than a sync consumes, sync figures measure the sandbox.
 */
public final class SandboxScenario implements Scenario {

    public static final String NAME = "sandbox";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long WARM_UP_MILLIS = 1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        BenchSizes sizes = setup.sizes();
        int contacts = sizes.latencyContacts();
        int pages = sizes.pages(contacts);
        List<Double> rps = new ArrayList<>();
        List<Double> mbps = new ArrayList<>();
        progress.printf("[%s] sandbox: %d contacts, no latency; %d threads for %d s%n", NAME, contacts,
                sizes.hammerThreads(), sizes.hammerSeconds());
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, 0)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
            hammer(client, sandbox, setup, pages, WARM_UP_MILLIS);
            for (int run = 1; run <= setup.runs(); run++) {
                long millis = TimeUnit.SECONDS.toMillis(sizes.hammerSeconds());
                long[] counted = hammer(client, sandbox, setup, pages, millis);
                double seconds = millis / 1000.0;
                rps.add(counted[0] / seconds);
                mbps.add(counted[1] / seconds / (1024 * 1024));
                progress.printf("[%s] run %d: %.0f pages/s, %.1f MB/s%n", NAME, run, counted[0] / seconds,
                        counted[1] / seconds / (1024 * 1024));
            }
        }
        table.add(Figure.of(NAME, "pages of " + sizes.pageSize() + " served per second, " + sizes.hammerThreads()
                + " client threads", "pages/s", rps).noted(contacts + " contacts"));
        table.add(Figure.of(NAME, "bytes served per second", "MB/s", mbps));
        table.figures().stream()
                .filter(f -> f.scenario().equals(ThroughputScenario.NAME) && f.name().startsWith("klink-sync records per second"))
                .findFirst()
                .ifPresent(f -> {
                    List<Double> needed = f.runs().stream().map(r -> r / sizes.pageSize()).toList();
                    table.add(Figure.of(NAME, "pages per second the throughput sync consumed", "pages/s", needed));
                    List<Double> headroom = new ArrayList<>();
                    for (int i = 0; i < Math.min(rps.size(), needed.size()); i++) {
                        headroom.add(rps.get(i) / needed.get(i));
                    }
                    table.add(Figure.of(NAME, "sandbox capacity / sync consumption", "x", headroom).atLeast(1));
                });
    }

    /** Answers {pages, bytes} served in the given time. */
    private static long[] hammer(HttpClient client, SandboxProcess sandbox, BenchSetup setup, int pages, long millis) {
        int threads = setup.sizes().hammerThreads();
        AtomicLong served = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(t);
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        int page = 1 + random.nextInt(pages);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/contacts?page=" + page
                                        + "&pageSize=" + setup.sizes().pageSize()))
                                .timeout(TIMEOUT).header("Authorization", "Bearer " + setup.token()).GET().build();
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new BenchException("GET " + request.uri() + " answered " + response.statusCode());
                        }
                        if (System.nanoTime() < end) {
                            served.incrementAndGet();
                            bytes.addAndGet(response.body().length);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (Exception e) {
            throw new BenchException("Hammering the sandbox failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return new long[]{served.get(), bytes.get()};
    }
}
