package io.klinksync.cli;

import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.Mirrors;
import io.klinksync.runtime.KlinkRuntime;
import io.klinksync.runtime.StopSignal;
import io.klinksync.service.ClusterScheduler;
import io.klinksync.sync.SyncProgress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Keep running: sync every stream the profile offers on its cron schedule (its declaration's"
                + " schedule, or sync.<stream>.cron),"
                + " never two runs of one stream at once, on one node or a cluster (scheduler.clustered); watch the"
                + " import inbox; serve /observe/health (live, ready), /observe/status and /observe/metrics"
                + " (Prometheus) on server.port.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the health, status and metrics endpoints (setting server.port).")
    Integer port;

    @Option(names = "--sync-now", description = "Sync every stream once at start, then on the schedules (setting run.sync-on-start).")
    boolean syncNow;

    @Override
    public Integer call() throws Exception {
        Map<String, String> values = new LinkedHashMap<>(mirrorOptions.values());
        if (port != null) {
            values.put("server.port", String.valueOf(port));
        }
        if (syncNow) {
            values.put("run.sync-on-start", "true");
        }
        Settings settings = config.load(values);
        StopSignal.process().graceMillis(settings.getLong("shutdown.grace"));
        ClusterScheduler.check(settings); // before the mirror opens: a cluster on H2 or CSV is refused in one line
        requirePortFree(settings.get("server.host"), settings.getInt("server.port"));
        String version = spec.root().version().length > 0 ? spec.root().version()[0] : "klink-sync";
        try (MirrorWriter mirror = Mirrors.open(settings);
             KlinkRuntime runtime = KlinkRuntime.serve(settings, ApiToken.fromEnvironment(System.getenv()), mirror,
                     SyncProgress.off(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), version)) {
            // A stop ends the wait below; closing the runtime lets the stream running now end as interrupted.
            StopSignal.process().onRequest(runtime::stopWaiting);
            runtime.runUntilStopped();
        }
        return 0;
    }

    /** The health endpoint is how an operator sees `run`: without its port, `run` does not start. */
    private static void requirePortFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new CannotProceedException("Port " + port + " on " + host + " is in use (" + e.getMessage() + "), so"
                    + " the health, status and metrics endpoints cannot be served. Stop what holds it, or choose another"
                    + " port with --port or server.port.");
        }
    }
}
