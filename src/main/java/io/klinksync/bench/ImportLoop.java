package io.klinksync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The import baseline: the same requests sent by a plain loop of N JDK HttpClient threads, no ledger, no retries. */
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
