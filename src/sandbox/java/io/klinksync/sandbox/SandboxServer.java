package io.klinksync.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * A stateful imitation of one deployment's API on localhost, served by Camel's platform-http on Vert.x: the
 * API of tests, `klink-sync demo` and benchmarks. Start it with {@link #start(SandboxOptions)}; close it after.
 */
public final class SandboxServer implements AutoCloseable {

    /** Worker threads of Vert.x: room for many requests held in latency or a stall at once. */
    private static final int WORKER_THREADS = 64;
    /** Seconds Camel waits for in-flight requests on close (stalled ones are released first). */
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;
    /** Synthetic records generated in parallel before they are inserted in order. */
    private static final int SYNTHETIC_BATCH = 65_536;

    private final SandboxOptions options;
    private final SandboxStore store;
    private final SandboxKnobs knobs;
    private final RequestLog log;
    private final CamelContext camel;
    private final VertxPlatformHttpServer http;
    private final SandboxRequestHandler handler;
    private final Vertx vertx;
    private final WalkHooks hooks;

    private SandboxServer(SandboxOptions options, SandboxStore store, SandboxKnobs knobs, RequestLog log,
                          CamelContext camel, VertxPlatformHttpServer http, SandboxRequestHandler handler, Vertx vertx,
                          WalkHooks hooks) {
        this.options = options;
        this.store = store;
        this.knobs = knobs;
        this.log = log;
        this.camel = camel;
        this.http = http;
        this.handler = handler;
        this.vertx = vertx;
        this.hooks = hooks;
    }

    /** Loads the data and starts listening; returns once requests are served. */
    public static SandboxServer start(SandboxOptions options) {
        Deployment deployment = options.deployment();
        checkPortIsFree(options.host(), options.port());
        SandboxStore store = new SandboxStore();
        SeedData.load(store, options.seedDir(), options.seedData());
        SyntheticData synthetic = new SyntheticData(options.syntheticSeed());
        addSynthetic(store, synthetic, options);

        SandboxKnobs knobs = new SandboxKnobs(options.syntheticSeed());
        RequestLog log = new RequestLog();
        SandboxApi api = new SandboxApi(deployment, store, knobs, synthetic, Clock.systemUTC());
        options.listResources().forEach(api::serve);
        String docs = deployment.baseUrl().getScheme() + "://" + deployment.baseUrl().getHost() + "/docs/errors";
        SandboxRequestHandler handler = new SandboxRequestHandler(api, knobs, log, deployment.basePath(), options.token(), docs);

        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKER_THREADS)
                .setMaxWorkerExecuteTime(Long.MAX_VALUE / 2).setMaxWorkerExecuteTimeUnit(TimeUnit.NANOSECONDS));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("klink-sandbox");
        // Bodies are read once by the handler; caching request streams would only cost time per request.
        camel.setStreamCaching(false);
        camel.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        camel.getShutdownStrategy().setLogInflightExchangesOnTimeout(false);
        camel.getRegistry().bind("sandboxVertx", vertx);
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(options.host());
        configuration.setBindPort(options.port());
        VertxPlatformHttpServer http = new VertxPlatformHttpServer(configuration);
        try {
            camel.addService(http);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/?matchOnUriPrefix=true").routeId("sandbox-api").process(handler);
                }
            });
            camel.start();
        } catch (Exception e) {
            try {
                camel.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            vertx.close();
            throw new IllegalStateException("The sandbox could not start on " + options.host() + ":" + options.port()
                    + " (" + e.getMessage() + "); is the port taken? Use --port 0 for a free one.", e);
        }
        // VertxPlatformHttpServer logs a failed listen (e.g. port taken) but starts anyway: check it listens.
        if (camel.getStatus().isStopped() || http.getServer() == null || http.getServer().actualPort() <= 0) {
            try {
                camel.close();
            } catch (Exception e) {
                // Already failing; the message below says what to do.
            }
            vertx.close();
            throw new IllegalStateException("The sandbox could not listen on " + options.host() + ":" + options.port()
                    + "; is the port taken? Use --port 0 for a free one.");
        }
        return new SandboxServer(options, store, knobs, log, camel, http, handler, vertx, api.hooks());
    }

    /** VertxPlatformHttpServer only logs a failed listen, so a taken port is found out here, before starting. */
    private static void checkPortIsFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("The sandbox cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); stop what uses that port, pick another with --port, or use --port 0 for a free one.", e);
        }
    }

    private static void addSynthetic(SandboxStore store, SyntheticData synthetic, SandboxOptions options) {
        addInBatches(store.contacts(), options.contacts(),
                i -> SyntheticData.contactId(synthetic.seed(), i), i -> synthetic.contact(i, store));
        addInBatches(store.groups(), options.groups(), i -> synthetic.shortId("group", i), synthetic::group);
        int groups = options.groups();
        // Every fifth synthetic conversation belongs to a synthetic group, when there are groups.
        addInBatches(store.conversations(), options.conversations(), i -> synthetic.shortId("conversation", i),
                i -> synthetic.conversation(i, groups > 0 && i % 5 == 0 ? synthetic.shortId("group", i % groups) : null));
    }

    /** Generates on every core, batch by batch, and inserts in index order: a million contacts in seconds. */
    private static void addInBatches(RecordTable table, int count, LongFunction<String> ids, LongFunction<byte[]> records) {
        for (int from = 0; from < count; from += SYNTHETIC_BATCH) {
            int start = from;
            int size = Math.min(SYNTHETIC_BATCH, count - from);
            byte[][] batch = new byte[size][];
            IntStream.range(0, size).parallel().forEach(k -> batch[k] = records.apply(start + (long) k));
            for (int k = 0; k < size; k++) {
                table.insert(ids.apply(start + (long) k), batch[k], false);
            }
        }
    }

    /** The id of synthetic contact number index (from 0) for a seed: benchmarks predict ids with it. */
    public static String syntheticContactId(long seed, long index) {
        return SyntheticData.contactId(seed, index);
    }

    public int port() {
        return http.getPort();
    }

    /** What klink-sync uses as api.base-url: http://127.0.0.1:PORT + the profile's base path. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port() + options.deployment().basePath();
    }

    /** The deployment this sandbox imitates. */
    public Deployment deployment() {
        return options.deployment();
    }

    /** The one Bearer token accepted. */
    public String token() {
        return options.token();
    }

    /** Requests received so far, oldest first (bounded by the knobs' request log cap). */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    public void clearRequests() {
        log.clear();
    }

    public SandboxKnobs knobs() {
        return knobs;
    }

    public SandboxStore store() {
        return store;
    }

    /** Changes to the data at exact points of a client's walk (after the Nth list request of a stream). */
    public WalkHooks walkHooks() {
        return hooks;
    }

    @Override
    public void close() {
        handler.close();
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("The sandbox did not stop cleanly: " + e.getMessage(), e);
        } finally {
            vertx.close();
        }
    }
}
