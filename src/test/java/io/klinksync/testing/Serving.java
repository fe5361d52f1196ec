package io.klinksync.testing;

import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.Mirrors;
import io.klinksync.runtime.KlinkRuntime;
import io.klinksync.streams.StreamDeclarations;
import io.klinksync.sync.SyncProgress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** `klink-sync run` inside a test: the serving runtime on a background thread, with its own mirror. */
public final class Serving implements AutoCloseable {

    /** A cron that never fires, for streams a test does not want scheduled. */
    public static final String NEVER = "0 0 0 1 1 ? 2099";
    /** sync.STREAM.cron=NEVER for every stream declared in config/streams/. */
    public static final Map<String, String> NO_SCHEDULES = StreamDeclarations.load(Path.of("config", StreamDeclarations.DIR))
            .names().stream().collect(Collectors.toUnmodifiableMap(stream -> "sync." + stream + ".cron", stream -> NEVER));

    private final MirrorWriter mirror;
    private final KlinkRuntime runtime;
    private final Thread thread;

    private Serving(MirrorWriter mirror, KlinkRuntime runtime) {
        this.mirror = mirror;
        this.runtime = runtime;
        this.thread = new Thread(() -> {
            try {
                runtime.runUntilStopped();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "klink-run");
    }

    /** Builds the runtime; attach NotifyBuilders to {@link #runtime()} before calling {@link #start()}. */
    public static Serving prepare(Settings settings, String token) throws Exception {
        MirrorWriter mirror = Mirrors.open(settings);
        return new Serving(mirror, KlinkRuntime.serve(settings, ApiToken.of(token), mirror, SyncProgress.off(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }

    public Serving start() {
        thread.start();
        return this;
    }

    public KlinkRuntime runtime() {
        return runtime;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        runtime.close();
        thread.join(10_000);
        mirror.close();
    }
}
