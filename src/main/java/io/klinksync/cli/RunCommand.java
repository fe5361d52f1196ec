package io.klinksync.cli;

import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.Mirrors;
import io.klinksync.runtime.KlinkRuntime;
import io.klinksync.runtime.StopSignal;
import io.klinksync.sync.SyncProgress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Keep running: sync every stream the profile offers on its cron schedule (sync.<stream>.cron),"
                + " never two runs of one stream at once; watch the import inbox; serve /observe/health and"
                + " /observe/metrics (Prometheus) on server.port.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the health and metrics endpoints (setting server.port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        Map<String, String> values = new LinkedHashMap<>(mirrorOptions.values());
        if (port != null) {
            values.put("server.port", String.valueOf(port));
        }
        Settings settings = config.load(values);
        StopSignal.process().graceMillis(settings.getLong("shutdown.grace"));
        try (MirrorWriter mirror = Mirrors.open(settings);
             KlinkRuntime runtime = KlinkRuntime.serve(settings, ApiToken.fromEnvironment(System.getenv()), mirror,
                     SyncProgress.off(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            // A stop ends the wait below; closing the runtime lets the stream running now end as interrupted.
            StopSignal.process().onRequest(runtime::stopWaiting);
            runtime.runUntilStopped();
        }
        return 0;
    }
}
