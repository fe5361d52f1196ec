package io.klinksync.runtime;

import io.klinksync.api.Profile;
import io.klinksync.api.ApiPace;
import io.klinksync.config.ApiToken;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.mirror.JdbcMirrorWriter;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.service.Banner;
import io.klinksync.service.ClusterScheduler;
import io.klinksync.service.KlinkHealthChecks;
import io.klinksync.service.RunHistory;
import io.klinksync.service.Schedules;
import io.klinksync.service.ServiceStatus;
import io.klinksync.service.StreamHealth;
import io.klinksync.sync.StreamSync;
import io.klinksync.sync.SyncMetrics;
import io.klinksync.sync.SyncProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.klinksync.api.ApiCall;
import io.klinksync.api.ApiException;
import io.klinksync.api.Paging;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.DefaultExchange;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The Camel side of klink-sync: a Camel Main configured from {@link Settings}, with the YAML routes of
 * routes/ loaded from the file system (so users can read and change them without rebuilding) and the
 * beans those routes call, all bound by {@link KlinkBeans}.
 */
public final class KlinkRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KlinkRuntime.class);
    /** Every status a run ends with: `run` exports klink_runs_total for each, at 0, from start-up. */
    /** routes/ file of `export contacts`, which runs in a Camel of its own (contacts/MirrorExport). */
    public static final String EXPORT_ROUTE_FILE = "export.camel.yaml";
    private static final List<String> RUN_STATUSES = List.of("success", "failed", "incomplete", "interrupted");

    private final Main main;
    private final Settings settings;
    private final Profile profile;
    private final StreamSync streamSync;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ServiceStatus status;

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
        return serve(settings, token, mirror, progress, metrics, "klink-sync");
    }

    /**
     * As {@link #serve(Settings, ApiToken, MirrorWriter, SyncProgress, MeterRegistry)}, with the version the
     * banner names. Checks the schedules, the cluster setting and the token before any stream is scheduled, and
     * throws {@link ConfigurationException} (one line for the user) when one is wrong.
     */
    public static KlinkRuntime serve(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress,
                                     MeterRegistry metrics, String version) throws Exception {
        return start(settings, token, mirror, progress, metrics, version);
    }

    private static KlinkRuntime start(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress,
                                      MeterRegistry metrics, boolean serving) throws Exception {
        return start(settings, token, mirror, progress, metrics, serving ? "klink-sync" : null);
    }

    /** version null: one-shot work; otherwise `run`, whose banner names that version. */
    private static KlinkRuntime start(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress,
                                      MeterRegistry metrics, String version) throws Exception {
        boolean serving = version != null;
        Profile profile = Profile.from(settings);
        // `run` checks what it was given before anything starts: the schedules and whether a cluster can be held.
        Schedules schedules = serving ? Schedules.of(settings, profile) : null;
        boolean clustered = serving && ClusterScheduler.check(settings);
        Main main = new Main();
        Properties properties = settings.asProperties();
        if (serving) {
            properties.setProperty("camel.management.enabled", "true");
            properties.setProperty("camel.management.host", settings.get("server.host"));
            properties.setProperty("camel.management.port", settings.get("server.port"));
            properties.setProperty("camel.management.health-check-enabled", "true");
            properties.setProperty("camel.management.metrics-enabled", "true");
            properties.setProperty("camel.metrics.enabled", "true");
            // A DOWN check is listed with its reason (the stream and why); an UP answer stays short.
            properties.setProperty("camel.health.exposure-level", "default");
        }
        properties.setProperty("klink.api.url", profile.baseUrl().toString());
        properties.setProperty("klink.config.dir", settings.configDir().toString());
        properties.setProperty("import.inbox.enabled", String.valueOf(serving && settings.getBoolean("import.inbox.enabled")));
        properties.setProperty("camel.main.name", "klink-sync");
        // Camel waits this long for a run in progress to reach its next safe point and end as interrupted.
        properties.setProperty("camel.main.shutdown-timeout", String.valueOf(Math.max(1, settings.getLong("shutdown.grace") / 1000)));
        properties.setProperty("camel.main.routes-include-pattern", "file:" + routesDir(settings) + "/*.camel.yaml");
        // The export route runs in a Camel of its own, with the beans only an export binds (contacts/MirrorExport).
        properties.setProperty("camel.main.routes-exclude-pattern", "file:" + routesDir(settings) + "/" + EXPORT_ROUTE_FILE);
        properties.setProperty("camel.main.routes-reload-enabled", "false");
        main.setOverrideProperties(properties);
        main.setDefaultPropertyPlaceholderLocation("false");

        int pageConcurrency = settings.getInt("sync.page.concurrency");
        KlinkBeans beans = new KlinkBeans(settings, token, mirror, profile, progress, metrics);
        beans.bindTo(main);

        main.init();
        CamelContext context = main.getCamelContext();
        configureHttp(context, settings, pageConcurrency);
        StreamSync streamSync = beans.streamSync(context);
        SyncMetrics syncMetrics = beans.syncMetrics();
        declareStreams(context, profile);
        KlinkRuntime runtime = new KlinkRuntime(main, settings, profile, streamSync);
        if (!serving) {
            main.start();
            return runtime;
        }
        try {
            runtime.startServing(version, token, mirror, syncMetrics, schedules, clustered);
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /**
     * `run`: meters at 0, health checks, Camel started, the token tried once, then the streams scheduled (on the
     * clustered JobStore when scheduler.clustered=true), the status endpoint added, the banner printed and, with
     * run.sync-on-start, every stream synced once.
     */
    private void startServing(String version, ApiToken token, MirrorWriter mirror, SyncMetrics syncMetrics,
                              Schedules schedules, boolean clustered) throws Exception {
        CamelContext context = context();
        var streams = profile.streams().keySet();
        syncMetrics.declare(streams, RUN_STATUSES);
        if (clustered) {
            var database = ((JdbcMirrorWriter) mirror).database();
            ClusterScheduler.configure(context, settings, database.dataSource(), database.vendor(), streams.size());
        }
        RunHistory history = RunHistory.of(mirror);
        StreamHealth health = new StreamHealth(history, schedules, streams, Instant.now(), Clock.systemUTC());
        KlinkHealthChecks.register(context, health, streams, this::scheduler);
        main.start();
        checkToken();
        scheduleStreams(schedules);
        status = new ServiceStatus(history, health, schedules, streams, clustered, this::scheduler);
        status.serve(context);
        boolean syncNow = settings.getBoolean("run.sync-on-start");
        String base = "http://" + settings.get("server.host") + ":" + settings.get("server.port") + "/observe/";
        Banner.print(System.out, version, profile.name(), profile.baseUrl().toString(), describeMirror(mirror),
                clustered, base + "health (live, ready), " + base + "status, " + base + "metrics", streams, schedules,
                status::nextFire, syncNow);
        if (syncNow) {
            Thread now = new Thread(() -> streams.forEach(streamSync::runScheduled), "klink-sync-now");
            now.setDaemon(true);
            now.start();
        }
    }

    /**
     * One cheap request (a page of one record of the first stream) before anything is scheduled: a refused token
     * stops `run` at once, in one line. Any other failure (the API down for a moment) is only reported; the
     * schedules start, and the runs say what happens.
     */
    private void checkToken() {
        Profile.Stream first = profile.streams().values().iterator().next();
        Exchange exchange = new DefaultExchange(context());
        exchange.setProperty(ApiCall.PATH, first.path());
        exchange.setProperty(ApiCall.QUERY, first.paging() == Paging.CURSOR ? "limit=1" : "page=1&pageSize=1");
        exchange.setProperty(ApiCall.STREAM, first.name());
        Exception failure = context().createProducerTemplate().send(ApiCall.ENDPOINT, exchange).getException();
        if (failure instanceof ApiException api && (api.status() == 401 || api.status() == 403)) {
            throw new ConfigurationException(api.getMessage());
        }
        if (failure != null) {
            LOG.warn("Could not try the token at start ({}); the schedules start anyway.", failure.getMessage());
        }
    }

    private static String describeMirror(MirrorWriter mirror) {
        if (mirror instanceof JdbcMirrorWriter jdbc) {
            return jdbc.database().describe() + " (" + jdbc.database().vendor().folder() + ")";
        }
        return "CSV files in " + ((io.klinksync.mirror.CsvMirrorWriter) mirror).fileOf("x").getParent();
    }

    /** The Quartz scheduler of the scheduled-stream routes, or null before there is one. */
    private Scheduler scheduler() {
        try {
            return context().getComponent("quartz", QuartzComponent.class).getScheduler();
        } catch (Exception e) {
            return null;
        }
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
    private void scheduleStreams(Schedules schedules) {
        for (String stream : profile.streams().keySet()) {
            TemplatedRouteBuilder.builder(context(), "scheduled-stream")
                    .routeId("schedule-" + stream)
                    .parameter("stream", stream)
                    .parameter("cron", schedules.cron(stream))
                    .add();
        }
    }

    /** /observe/status as JSON, or null for one-shot work. */
    public ServiceStatus status() {
        return status;
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

    /** The pace of requests to the API (bound as "apiPace"): its current rate and whether it bounds the run now. */
    public ApiPace pace() {
        return context().getRegistry().lookupByNameAndType("apiPace", ApiPace.class);
    }

    /** Blocks until {@link #stopWaiting()}, which a stop (Ctrl-C, SIGTERM) calls, or {@link #close()}. */
    public void runUntilStopped() throws Exception {
        stopped.await();
    }

    public void stopWaiting() {
        stopped.countDown();
    }

    @Override
    public void close() {
        streamSync.detach();
        try {
            stopped.countDown(); // releases runUntilStopped()
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Camel did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /**
     * routes/ beside the config folder: the klink-sync folder holds both. The real path, because Camel's
     * pattern loader does not look into a symbolic link.
     */
    public static Path routesDir(Settings settings) {
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
