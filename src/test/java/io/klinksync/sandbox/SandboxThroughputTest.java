package io.klinksync.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not a check: run with -Dsandbox.benchmark=true (and -Dsandbox.benchmark.contacts=N) to print
 * start time, heap and 100-record pages per second.
 */
@EnabledIfSystemProperty(named = "sandbox.benchmark", matches = "true")
class SandboxThroughputTest {

    @Test
    void servesThousandsOfHundredRecordPagesPerSecond() throws Exception {
        int contacts = Integer.getInteger("sandbox.benchmark.contacts", 1_000_000);
        int clients = Integer.getInteger("sandbox.benchmark.clients", 8);
        int pagesPerClient = Integer.getInteger("sandbox.benchmark.pages", 1000);
        long start = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().profile("klink").contacts(contacts))) {
            long startMs = (System.nanoTime() - start) / 1_000_000;
            System.gc();
            long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            server.knobs().recordRequests(false);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int lastPage = (contacts + 28) / 100;
            AtomicLong bytes = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            // A first round warms the JIT up; only the second is measured.
            fetchPages(server, http, pool, clients, pagesPerClient, lastPage, bytes);
            bytes.set(0);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            fetchPages(server, http, pool, clients, pagesPerClient, lastPage, bytes);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuPerPageUs = (os.getProcessCpuTime() - cpu0) / 1e3 / (clients * pagesPerClient);
            pool.shutdown();
            System.out.printf("sandbox benchmark: %d contacts started in %d ms, heap %d MB; %d pages of 100 in %.2f s"
                            + " = %.0f pages/s (%.1f MB/s) with %d clients; %.0f us CPU per page (server and client together)%n",
                    contacts, startMs, heapMb, clients * pagesPerClient, seconds, clients * pagesPerClient / seconds,
                    bytes.get() / seconds / 1e6, clients, cpuPerPageUs);
        }
    }

    private static void fetchPages(SandboxServer server, HttpClient http, ExecutorService pool, int clients,
                                   int pagesPerClient, int lastPage, AtomicLong bytes) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int p = 0; p < pagesPerClient; p++) {
                    int page = 1 + (int) ((client * 7919L + p * 104729L) % lastPage);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl()
                                    + "/contacts?pageSize=100&page=" + page))
                            .header("Authorization", "Bearer " + server.token()).build();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(response.statusCode()).isEqualTo(200);
                    bytes.addAndGet(response.body().length);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }
}
