package io.klinksync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline walks of the contacts list with the JDK HttpClient: page 1 to learn lastPage, then the rest
 * with N workers. Each page is parsed with Jackson and handed to a sink (or discarded): with one worker it is
 * the plain sequential walk, with the sync's concurrency it is the fetch-only walk.
 */
public final class PageWalk {

    /** What a walk does with each parsed page; the benchmark's fetch-only walk discards it. */
    public interface PageSink {
        void page(int number, byte[] body, JsonNode page) throws IOException;
    }

    /** cpuNanos: user + sys of the whole JVM that walked (start-up included), or -1 when not measured. */
    public record Result(int pages, long records, long bytes, long nanos, long cpuNanos) {
        public double seconds() {
            return nanos / 1e9;
        }

        public double cpuSeconds() {
            return cpuNanos / 1e9;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final String baseUrl;
    private final String token;
    private final int pageSize;

    public PageWalk(String baseUrl, String token, int pageSize) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.baseUrl = baseUrl;
        this.token = token;
        this.pageSize = pageSize;
    }

    /** The fetch-only walk (pages parsed, then discarded) in a new JVM; timed there, without its start-up. */
    public static Result walkInFreshJvm(BenchSetup setup, String baseUrl, int pageSize, int workers, Path log) {
        String[] f = FreshJvm.run(setup, PageWalk.class, List.of(baseUrl, Integer.toString(pageSize),
                Integer.toString(workers)), log);
        return new Result(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]));
    }

    /** PageWalk BASE_URL PAGE_SIZE WORKERS, token in KLINK_TOKEN. */
    public static void main(String[] args) {
        Result result = new PageWalk(args[0], System.getenv("KLINK_TOKEN"), Integer.parseInt(args[1]))
                .walk(Integer.parseInt(args[2]), null);
        // The JVM's own CPU (user + sys, start-up included), as bash's `times` gives the sync process's.
        long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        FreshJvm.printResult(result.pages(), result.records(), result.bytes(), result.nanos(), cpu);
    }

    public Result walk(int workers, PageSink sink) {
        long started = System.nanoTime();
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        JsonNode first = fetch(1, sink, records, bytes);
        int lastPage = first.path("lastPage").asInt();
        AtomicInteger next = new AtomicInteger(2);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (int page = next.getAndIncrement(); page <= lastPage; page = next.getAndIncrement()) {
                        fetch(page, sink, records, bytes);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (Exception e) {
            throw new BenchException("The baseline walk of " + baseUrl + "/contacts failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(Math.max(1, lastPage), records.get(), bytes.get(), System.nanoTime() - started, -1);
    }

    /** Answers the parsed page; the body's data array is counted. */
    public JsonNode fetch(int page, PageSink sink, AtomicLong records, AtomicLong bytes) {
        URI uri = URI.create(baseUrl + "/contacts?page=" + page + "&pageSize=" + pageSize);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new BenchException("GET " + uri + " answered " + response.statusCode() + "; the sandbox log says why");
            }
            JsonNode parsed = JSON.readTree(response.body());
            records.addAndGet(parsed.path("data").size());
            bytes.addAndGet(response.body().length);
            if (sink != null) {
                sink.page(page, response.body(), parsed);
            }
            return parsed;
        } catch (IOException e) {
            throw new BenchException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted during GET " + uri, e);
        }
    }

    /** The list's total, from a one-record page. */
    public long total() {
        URI uri = URI.create(baseUrl + "/contacts?page=1&pageSize=1");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return JSON.readTree(response.body()).path("total").asLong(-1);
        } catch (IOException e) {
            throw new BenchException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted during GET " + uri, e);
        }
    }
}
