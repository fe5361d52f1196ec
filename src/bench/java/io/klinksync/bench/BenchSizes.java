package io.klinksync.bench;

/**
 * The sizes each scenario runs at. The defaults are those the benchmark's targets are stated for; a smaller
 * scale (e.g. 0.01) runs the same harness quickly while working on it.
 */
public record BenchSizes(int latencyContacts, long latencyMs, int throughputContacts, int memoryContacts,
                         int importRows, long importLatencyMs, int hammerSeconds, int hammerThreads,
                         int pageSize, int concurrency) {

    public static final int LATENCY_CONTACTS = 100_000;
    public static final long LATENCY_MS = 50;
    public static final int THROUGHPUT_CONTACTS = 200_000;
    public static final int MEMORY_CONTACTS = 1_000_000;
    public static final int IMPORT_ROWS = 20_000;
    public static final int HAMMER_SECONDS = 5;
    public static final int HAMMER_THREADS = 4;
    /** The sync's own defaults (sync.page-size, sync.page.concurrency, import.concurrency). */
    public static final int PAGE_SIZE = 100;
    public static final int CONCURRENCY = 4;

    public static BenchSizes scaled(double scale) {
        return new BenchSizes(scale(LATENCY_CONTACTS, scale), LATENCY_MS, scale(THROUGHPUT_CONTACTS, scale),
                scale(MEMORY_CONTACTS, scale), scale(IMPORT_ROWS, scale), LATENCY_MS, HAMMER_SECONDS,
                HAMMER_THREADS, PAGE_SIZE, CONCURRENCY);
    }

    /** At least two pages' worth, so page 1 and the parallel rest are both exercised. */
    private static int scale(int size, double scale) {
        return (int) Math.max(2L * PAGE_SIZE, Math.round(size * scale));
    }

    public int pages(int contacts) {
        return (contacts + pageSize - 1) / pageSize;
    }
}
