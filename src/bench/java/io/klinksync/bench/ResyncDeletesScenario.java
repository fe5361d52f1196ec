package io.klinksync.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What deletes cost a re-sync: a first sync (not timed) into PostgreSQL, SQLite and H2, then 1 % of the
 * contacts deleted through the sandbox's API (DELETE /contacts/:id, spread over the whole list), then the re-sync
 * of each mirror through bin/klink-sync, timed as wall time and as the process's CPU (user + sys), which a busy
 * machine distorts less. Each run starts a fresh sandbox, so every run deletes from the same full set.
 */
public final class ResyncDeletesScenario implements Scenario {

    public static final String NAME = "resync-deletes";
    private static final String STREAM = "contacts";
    /** One contact in this many is deleted between the syncs: 1 %. */
    private static final int DELETE_ONE_IN = 100;
    private static final int DELETE_THREADS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<BenchMirror.Kind> MIRRORS = List.of(BenchMirror.Kind.POSTGRESQL, BenchMirror.Kind.SQLITE,
            BenchMirror.Kind.H2);

    @Override
    public String name() {
        return NAME;
    }

    /** The figures of one mirror over the runs. */
    private record Resyncs(List<Double> pass, List<Double> process, List<Double> cpu, List<Double> deleted) {
        Resyncs() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        // The latency scenario's size (100,000 contacts at scale 1), without its latency.
        int contacts = setup.sizes().latencyContacts();
        Map<BenchMirror.Kind, Resyncs> figures = new EnumMap<>(BenchMirror.Kind.class);
        MIRRORS.forEach(kind -> figures.put(kind, new Resyncs()));
        List<String> failed = new ArrayList<>();
        int toDelete = 0;
        progress.printf("[%s] sandbox: %d contacts, no latency; 1 in %d deleted between the syncs%n", NAME, contacts,
                DELETE_ONE_IN);
        for (int run = 1; run <= setup.runs(); run++) {
            Map<BenchMirror.Kind, BenchMirror> mirrors = new EnumMap<>(BenchMirror.Kind.class);
            try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox-" + run, contacts, 0)) {
                for (BenchMirror.Kind kind : MIRRORS) {
                    String label = label("first", kind, run);
                    mirrors.put(kind, BenchMirror.fresh(kind, setup, label));
                    sync(setup, sandbox, mirrors.get(kind), label, contacts);
                }
                List<String> ids = everyNth(mirrors.get(MIRRORS.get(0)));
                toDelete = ids.size();
                deleteThroughApi(sandbox.baseUrl(), setup.token(), ids);
                for (BenchMirror.Kind kind : MIRRORS) {
                    String label = label("resync", kind, run);
                    Path log = setup.logs().resolve(label + ".log");
                    Path cpuTimes = setup.logs().resolve(label + ".times");
                    BenchMirror mirror = mirrors.get(kind);
                    ProcessOutcome resync = JarProcess.runCpuTimed(setup, setup.jvmOptions(label, List.of()),
                            setup.syncArgs(sandbox.baseUrl(), mirror.url(), mirror.user(), List.of(STREAM)), log, cpuTimes)
                            .requireSuccess("re-sync (" + label + ")", log);
                    SyncRunRow row = SyncRunRow.newest(mirror.url(), mirror.user(), STREAM);
                    LatencyScenario.requireAll(row, contacts - toDelete, label);
                    Resyncs f = figures.get(kind);
                    f.pass.add(row.passSeconds(resync));
                    f.process.add(resync.seconds());
                    f.cpu.add(CpuTimes.childSeconds(cpuTimes));
                    f.deleted.add((double) row.deleted());
                    progress.printf("[%s] run %d into %s: re-sync pass %.2f s, process %.2f s, CPU %.2f s, %d deleted%n",
                            NAME, run, kind.label, row.passSeconds(resync), resync.seconds(),
                            CpuTimes.childSeconds(cpuTimes), row.deleted());
                }
            } catch (BenchException e) {
                failed.add("run " + run + ": " + e.getMessage());
                progress.printf("[%s] run %d FAILED: %s%n", NAME, run, e.getMessage());
            } finally {
                mirrors.values().forEach(BenchMirror::close);
            }
        }
        table.add(Figure.of(NAME, "runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note(NAME + " failed " + f));
        String note = contacts + " contacts, " + toDelete + " deleted in the API between the syncs, concurrency "
                + setup.sizes().concurrency();
        boolean first = true;
        for (BenchMirror.Kind kind : MIRRORS) {
            Resyncs f = figures.get(kind);
            String into = " into " + kind.label;
            Figure pass = Figure.of(NAME, "re-sync pass" + into + " (sync_runs.started_at to exit)", "s", f.pass);
            table.add(first ? pass.noted(note) : pass);
            table.add(Figure.of(NAME, "re-sync process" + into + " (incl. JVM + Camel start-up)", "s", f.process));
            table.add(Figure.of(NAME, "re-sync process CPU" + into + " (user + sys)", "s", f.cpu));
            table.add(Figure.of(NAME, "rows marked deleted by the re-sync" + into, "rows", f.deleted));
            first = false;
        }
    }

    private static String label(String what, BenchMirror.Kind kind, int run) {
        return NAME + "-" + what + "-" + kind.name().toLowerCase(Locale.ROOT) + "-" + run;
    }

    private static void sync(BenchSetup setup, SandboxProcess sandbox, BenchMirror mirror, String label, int contacts) {
        Path log = setup.logs().resolve(label + ".log");
        JarProcess.run(setup, setup.jvmOptions(label, List.of()),
                setup.syncArgs(sandbox.baseUrl(), mirror.url(), mirror.user(), List.of(STREAM)), log)
                .requireSuccess("first sync (" + label + ")", log);
        LatencyScenario.requireAll(SyncRunRow.newest(mirror.url(), mirror.user(), STREAM), contacts, label);
    }

    /** Every hundredth id in id order: random UUIDs, so spread over every part of the API's list. */
    private static List<String> everyNth(BenchMirror mirror) {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(mirror.url(), mirror.user(), "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM contacts ORDER BY id")) {
            for (int i = 0; rows.next(); i++) {
                if (i % DELETE_ONE_IN == DELETE_ONE_IN / 2) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot read contact ids from " + mirror.url() + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private static void deleteThroughApi(String baseUrl, String token, List<String> ids) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(DELETE_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < DELETE_THREADS; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        String id = ids.get(i);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/contacts/"
                                        + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                                .timeout(TIMEOUT).header("Authorization", "Bearer " + token).DELETE().build();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new BenchException("DELETE /contacts/" + id + " answered " + response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while deleting contacts", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchException("Deleting contacts through the API failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
