package io.klinksync.bench;

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

/**
 * The import baseline: the same requests sent by a plain loop of N JDK HttpClient threads, no ledger, no retries;
 * each run in a new JVM ({@link FreshJvm}).
 */
public final class ImportLoop {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Result(int sent, int failed, long nanos) {
        public double seconds() {
            return nanos / 1e9;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final String baseUrl;
    private final String token;

    public ImportLoop(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Sends the requests of REQUESTS_FILE (ImportWorkload.writeRequests) in a new JVM; timed there, without its start-up. */
    public static Result runInFreshJvm(BenchSetup setup, String baseUrl, Path requestsFile, int concurrency, Path log) {
        String[] f = FreshJvm.run(setup, ImportLoop.class, List.of(baseUrl, requestsFile.toString(),
                Integer.toString(concurrency)), log);
        return new Result(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]));
    }

    /** ImportLoop BASE_URL REQUESTS_FILE CONCURRENCY, token in KLINK_TOKEN. */
    public static void main(String[] args) throws IOException {
        List<ImportWorkload.Request> requests = ImportWorkload.readRequests(Path.of(args[1]));
        Result result = new ImportLoop(args[0], System.getenv("KLINK_TOKEN")).send(requests, Integer.parseInt(args[2]));
        FreshJvm.printResult(result.sent(), result.failed(), result.nanos());
    }

    public Result send(List<ImportWorkload.Request> requests, int concurrency) {
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        ImportWorkload.Request r = requests.get(i);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + r.path())).timeout(TIMEOUT)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .method(r.method(), HttpRequest.BodyPublishers.ofString(r.body()))
                                .build();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 != 2) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (Exception e) {
            throw new BenchException("The import baseline loop against " + baseUrl + " failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(requests.size(), failed.get(), System.nanoTime() - started);
    }
}
