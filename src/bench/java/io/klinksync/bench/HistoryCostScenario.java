package io.klinksync.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The throughput scenario's first sync and no-change re-sync into PostgreSQL, with history and the change log
 * (mirror.history, mirror.changes) off and on, in alternating order, each in a fresh schema: what the reporting
 * tables cost, in wall time and in CPU seconds of the sync's JVM plus the PostgreSQL backends serving it.
 */
public final class HistoryCostScenario implements Scenario {

    public static final String NAME = "history";
    private static final String STREAM = "contacts";
    private static final double FIRST_SYNC_TARGET = 1.2;
    /** Every table the reporting features write during a contacts sync. */
    private static final List<String> REPORTING_TABLES = List.of("contacts_history", "contact_emails_history",
            "contact_phones_history", "contact_tags_history", "contact_custom_field_values_history", "sync_changes",
            "custom_field_cast_errors");

    @Override
    public String name() {
        return NAME;
    }

    private record Pass(double passSeconds, double cpuSeconds, double jvmCpu, double databaseCpu, long written,
                        long reportingRows) {
    }

    @Override
    public void run(BenchSetup setup, ResultTable table, PrintStream progress) {
        int contacts = setup.sizes().throughputContacts();
        PostgresSchemas schemas = new PostgresSchemas(setup.postgresUrl(), setup.postgresUser());
        Map<Boolean, List<Pass>> firsts = Map.of(false, new ArrayList<>(), true, new ArrayList<>());
        Map<Boolean, List<Pass>> resyncs = Map.of(false, new ArrayList<>(), true, new ArrayList<>());
        List<Double> wallRatio = new ArrayList<>();
        List<Double> cpuRatio = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        progress.printf("[%s] sandbox: %d contacts, no latency; PostgreSQL %s%n", NAME, contacts, setup.postgresUrl());
        try (SandboxProcess sandbox = SandboxProcess.start(setup, NAME + "-sandbox", contacts, 0)) {
            for (int run = 1; run <= setup.runs(); run++) {
                // Alternating order, so a machine that gets busier during a run does not favour one side.
                for (boolean on : run % 2 == 1 ? new boolean[]{false, true} : new boolean[]{true, false}) {
                    String schema = schemas.create("history");
                    try {
                        String label = NAME + (on ? "-on-" : "-off-") + run;
                        firsts.get(on).add(sync(setup, schemas, schema, sandbox, label, on, contacts, true));
                        Pass again = sync(setup, schemas, schema, sandbox, label + "-resync", on, contacts, false);
                        resyncs.get(on).add(again);
                        Pass first = firsts.get(on).get(firsts.get(on).size() - 1);
                        progress.printf("[%s] run %d, history %s: first sync %.2f s (%.2f s CPU), re-sync %.2f s, %d rows"
                                + " written, %d reporting rows%n", NAME, run, on ? "on" : "off", first.passSeconds(),
                                first.cpuSeconds(), again.passSeconds(), again.written(), again.reportingRows());
                    } catch (BenchException e) {
                        failed.add("run " + run + ": " + e.getMessage());
                        progress.printf("[%s] run %d FAILED: %s%n", NAME, run, e.getMessage());
                    } finally {
                        schemas.drop(schema);
                    }
                }
                int n = Math.min(firsts.get(true).size(), firsts.get(false).size());
                if (n == run) {
                    Pass off = firsts.get(false).get(n - 1);
                    Pass on = firsts.get(true).get(n - 1);
                    wallRatio.add(on.passSeconds() / off.passSeconds());
                    cpuRatio.add(on.cpuSeconds() / off.cpuSeconds());
                }
            }
        }
        table.add(Figure.of(NAME, "sync runs that failed", "", List.of((double) failed.size())).atMost(0));
        failed.forEach(f -> table.note(NAME + " failed " + f));
        String note = contacts + " contacts, concurrency " + setup.sizes().concurrency() + ", PostgreSQL";
        for (boolean on : new boolean[]{false, true}) {
            String side = on ? "history + change log on" : "history + change log off";
            table.add(Figure.of(NAME, "first sync pass, " + side, "s", firsts.get(on).stream().map(Pass::passSeconds).toList())
                    .noted(note));
            table.add(Figure.of(NAME, "first sync CPU user+sys (JVM + PostgreSQL backends), " + side, "s",
                    firsts.get(on).stream().map(Pass::cpuSeconds).toList()));
            table.add(Figure.of(NAME, "  of which PostgreSQL backends, " + side, "s",
                    firsts.get(on).stream().map(Pass::databaseCpu).toList()));
            table.add(Figure.of(NAME, "no-change re-sync pass, " + side, "s",
                    resyncs.get(on).stream().map(Pass::passSeconds).toList()));
            table.add(Figure.of(NAME, "rows written by a no-change re-sync (inserted+updated+deleted), " + side, "rows",
                    resyncs.get(on).stream().map(p -> (double) p.written()).toList()).atMost(0));
        }
        table.add(Figure.of(NAME, "history and change-log rows written by a no-change re-sync", "rows",
                resyncs.get(true).stream().map(p -> (double) p.reportingRows()).toList()).atMost(0));
        table.add(Figure.of(NAME, "first sync with / without, wall", "x", wallRatio));
        table.add(Figure.of(NAME, "first sync with / without, CPU", "x", cpuRatio).atMost(FIRST_SYNC_TARGET));
    }

    private static Pass sync(BenchSetup setup, PostgresSchemas schemas, String schema, SandboxProcess sandbox, String label,
                             boolean on, int contacts, boolean fresh) {
        String url = CpuMeter.tagged(schemas.url(schema), label);
        List<String> args = new ArrayList<>(setup.syncArgs(sandbox.baseUrl(), url, schemas.user(), List.of(STREAM)));
        args.addAll(List.of("--set", "mirror.history=" + on, "--set", "mirror.changes=" + on));
        long before = fresh ? 0 : reportingRows(schemas, schema); // a fresh schema is migrated by the sync itself
        java.nio.file.Path log = setup.logs().resolve(label + ".log");
        JarProcess process = JarProcess.start(setup, setup.jvmOptions(label, List.of()), args, log);
        ProcessOutcome outcome;
        double jvm;
        double database;
        try (CpuMeter cpu = new CpuMeter(process.pid(), setup.postgresUrl(), schemas.user(), label)) {
            outcome = process.waitFor();
            cpu.close();
            jvm = cpu.jvmSeconds();
            database = cpu.databaseSeconds();
        }
        outcome.requireSuccess("sync (" + label + ")", log);
        SyncRunRow row = SyncRunRow.newest(schemas.url(schema), schemas.user(), STREAM);
        LatencyScenario.requireAll(row, contacts, label);
        return new Pass(row.passSeconds(outcome), jvm + database, jvm, database, row.written(),
                reportingRows(schemas, schema) - before);
    }

    private static long reportingRows(PostgresSchemas schemas, String schema) {
        return schemas.counts(schema, REPORTING_TABLES).values().stream().mapToLong(Long::longValue).sum();
    }
}
