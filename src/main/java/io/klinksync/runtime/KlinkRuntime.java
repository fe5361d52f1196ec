package io.klinksync.runtime;

import io.klinksync.api.ApiRequest;
import io.klinksync.api.ApiResponse;
import io.klinksync.api.ApiUnreachable;
import io.klinksync.api.RateLimitPause;
import io.klinksync.api.Profile;
import io.klinksync.api.RetryLog;
import io.klinksync.config.ApiToken;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.sync.CursorPaging;
import io.klinksync.sync.DeleteCheck;
import io.klinksync.sync.PageNumberPaging;
import io.klinksync.sync.StreamSync;
import io.klinksync.sync.SyncMetrics;
import io.klinksync.sync.SyncProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.main.Main;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ExecutorService;

/**
 * The Camel side of klink-sync: a Camel Main configured from {@link Settings}, with the YAML routes of
 * routes/ loaded from the file system (so users can read and change them without rebuilding) and the
 * beans those routes call.
 */
public final class KlinkRuntime implements AutoCloseable {

    /** Batches written at once: two cores' worth, as each write is mostly database work. */
    private static final int WRITE_THREADS = 2;

    private final Main main;
    private final Settings settings;
    private final Profile profile;
    private final StreamSync streamSync;

    private KlinkRuntime(Main main, Settings settings, Profile profile, StreamSync streamSync) {
        this.main = main;
        this.settings = settings;
        this.profile = profile;
        this.streamSync = streamSync;
    }

    /** Builds and starts Camel for one-shot work (sync, import, export). The caller owns and closes the mirror. */
    public static KlinkRuntime start(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress,
                                     MeterRegistry metrics) throws Exception {
        return start(settings, token, mirror, progress, metrics, false);
    }

    /**
     * Builds Camel for `klink-sync run`: every offered stream on its Quartz schedule, and health and Prometheus
     * metrics on Camel's embedded management server (server.host:server.port). Call {@link #runUntilStopped()}.
     */
    public static KlinkRuntime serve(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress,
                                     MeterRegistry metrics) throws Exception {
        return start(settings, token, mirror, progress, metrics, true);
    }

    /**
     * Mirror writes run here, off the page threads, so fetching goes on while a batch is written. At most one
     * batch waits per page thread; beyond that the page thread writes its batch itself, which bounds memory.
     */
    private static ExecutorService writePool(CamelContext context, int pageConcurrency) {
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("writes").poolSize(WRITE_THREADS).maxPoolSize(WRITE_THREADS)
                .maxQueueSize(pageConcurrency).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        return context.getExecutorServiceManager().newThreadPool(KlinkRuntime.class, "writes", profile);
    }

    private static KlinkRuntime start(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress,
                                      MeterRegistry metrics, boolean serving) throws Exception {
        Profile profile = Profile.from(settings);
        Main main = new Main();
        Properties properties = settings.asProperties();
        if (serving) {
            properties.setProperty("camel.management.enabled", "true");
            properties.setProperty("camel.management.host", settings.get("server.host"));
            properties.setProperty("camel.management.port", settings.get("server.port"));
            properties.setProperty("camel.management.health-check-enabled", "true");
            properties.setProperty("camel.management.metrics-enabled", "true");
            properties.setProperty("camel.metrics.enabled", "true");
        }
        properties.setProperty("klink.api.url", profile.baseUrl().toString());
        properties.setProperty("klink.config.dir", settings.configDir().toString());
        properties.setProperty("import.inbox.enabled", String.valueOf(serving && settings.getBoolean("import.inbox.enabled")));
        properties.setProperty("camel.main.name", "klink-sync");
        // Camel waits this long for a run in progress to reach its next safe point and end as interrupted.
        properties.setProperty("camel.main.shutdown-timeout", String.valueOf(Math.max(1, settings.getLong("shutdown.grace") / 1000)));
        properties.setProperty("camel.main.routes-include-pattern", "file:" + routesDir(settings) + "/*.camel.yaml");
        properties.setProperty("camel.main.routes-reload-enabled", "false");
        main.setOverrideProperties(properties);
        main.setDefaultPropertyPlaceholderLocation("false");

        int pageConcurrency = settings.getInt("sync.page.concurrency");
        int maxRewalks = settings.getInt("sync.drift.max-rewalks");
        int pagesPerWrite = settings.getInt("sync.pages-per-write");
        SyncMetrics syncMetrics = new SyncMetrics(metrics);
        main.bind("profile", profile);
        main.bind("apiRequest", new ApiRequest(token));
        RateLimitPause pause = new RateLimitPause(new RateLimitPause.Backoff(settings.getLong("api.retry.initial-delay"),
                settings.getDouble("api.retry.multiplier"), settings.getLong("api.retry.max-delay")),
                settings.getLong("api.retry-after.cap"), settings.getLong("api.rate-pause.spacing"), Clock.systemUTC());
        main.bind("rateLimitPause", pause);
        main.bind("apiResponse", new ApiResponse(profile, pause));
        main.bind("apiUnreachable", new ApiUnreachable(profile));
        main.bind("retryLog", new RetryLog(metrics));
        main.bind("cursorPaging", new CursorPaging(mirror, progress, syncMetrics, maxRewalks, pagesPerWrite,
                settings.getInt("sync.cursor.max-pages")));
        main.bind("pageNumberPaging", new PageNumberPaging(mirror, progress, syncMetrics, maxRewalks, pagesPerWrite));
        main.bind("deleteCheck", new DeleteCheck(mirror, settings.getInt("sync.delete.verify-max")));
        main.bind("mirror", mirror);
        main.bind("metricsRegistry", metrics);

        main.init();
        CamelContext context = main.getCamelContext();
        configureHttp(context, settings, pageConcurrency);
        ExecutorService pagePool = context.getExecutorServiceManager()
                .newFixedThreadPool(KlinkRuntime.class, "pages", pageConcurrency);
        main.bind("pagePool", pagePool);
        main.bind("writePool", writePool(context, pageConcurrency));
        StreamSync streamSync = new StreamSync(context.createProducerTemplate(), mirror, profile,
                settings.getInt("sync.page-size"), settings.getLong("sync.lock.wait"), progress, syncMetrics,
                StopSignal.process());
        main.bind("streamSync", streamSync);
        declareStreams(context, profile);
        KlinkRuntime runtime = new KlinkRuntime(main, settings, profile, streamSync);
        if (serving) {
            runtime.scheduleStreams();
        } else {
            main.start();
        }
        return runtime;
    }

    /** Convenience for commands and tests that do not export metrics. */
    public static KlinkRuntime start(Settings settings, ApiToken token, MirrorWriter mirror) throws Exception {
        return start(settings, token, mirror, SyncProgress.off(), new SimpleMeterRegistry());
    }

    /**
     * One route per stream the profile offers, from the template of its paging style. The profile file is
     * the stream's declaration (path and paging), so a new deployment needs no route or Java change.
     */
    private static void declareStreams(CamelContext context, Profile profile) {
        profile.streams().values().forEach(stream -> TemplatedRouteBuilder
                .builder(context, stream.paging().name().toLowerCase(java.util.Locale.ROOT) + "-stream")
                .routeId("sync-" + stream.name())
                .parameter("stream", stream.name())
                .add());
    }

    /** Adds a Quartz-triggered route per offered stream, from the scheduled-stream template. */
    private void scheduleStreams() {
        for (String stream : profile.streams().keySet()) {
            TemplatedRouteBuilder.builder(context(), "scheduled-stream")
                    .routeId("schedule-" + stream)
                    .parameter("stream", stream)
                    .parameter("cron", settings.get("sync." + stream + ".cron"))
                    .add();
        }
    }

    public StreamSync streamSync() {
        return streamSync;
    }

    public Profile profile() {
        return profile;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Blocks until {@link #stopWaiting()}, which a stop (Ctrl-C, SIGTERM) calls. */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    public void stopWaiting() {
        main.completed();
    }

    @Override
    public void close() {
        streamSync.detach();
        try {
            main.completed(); // releases runUntilStopped()
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Camel did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /**
     * routes/ beside the config folder: the klink-sync folder holds both. The real path, because Camel's
     * pattern loader does not look into a symbolic link.
     */
    static Path routesDir(Settings settings) {
        Path config = settings.configDir().toAbsolutePath().normalize();
        Path routes = config.getParent() == null ? Path.of("routes") : config.getParent().resolve("routes");
        try (var files = Files.list(routes)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".camel.yaml"))) {
                throw new ConfigurationException("No *.camel.yaml routes in " + routes + ".");
            }
            return routes.toRealPath();
        } catch (IOException e) {
            throw new ConfigurationException("klink-sync reads its Camel routes from " + routes + " (routes/ beside the"
                    + " config folder " + config + "), which cannot be read: " + e.getMessage()
                    + ". Run klink-sync from its folder, or point --config at the config folder of one.");
        }
    }

    private static void configureHttp(CamelContext context, Settings settings, int pageConcurrency) {
        for (String scheme : new String[]{"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            // Our retry policy owns retries; HttpClient's own would obey a Retry-After of an hour.
            http.setAutomaticRetriesDisabled(true);
            http.setConnectTimeout(settings.getLong("api.connect-timeout"));
            http.setResponseTimeout(settings.getLong("api.read-timeout"));
            http.setSoTimeout(settings.getLong("api.read-timeout"));
            http.setConnectionsPerRoute(Math.max(pageConcurrency * 2, 8));
            http.setMaxTotalConnections(Math.max(pageConcurrency * 4, 16));
        }
    }
}
