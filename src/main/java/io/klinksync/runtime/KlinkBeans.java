package io.klinksync.runtime;

import io.klinksync.api.ApiPace;
import io.klinksync.api.ApiRequest;
import io.klinksync.api.ApiResponse;
import io.klinksync.api.ApiUnreachable;
import io.klinksync.api.Profile;
import io.klinksync.api.RateLimitPause;
import io.klinksync.api.RetryLog;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.contacts.ContactsInbox;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.RecordMapping;
import io.klinksync.sync.CompletenessCheck;
import io.klinksync.sync.CursorPaging;
import io.klinksync.sync.DeleteCheck;
import io.klinksync.sync.PageNumberPaging;
import io.klinksync.sync.PageWriter;
import io.klinksync.sync.RecordLookup;
import io.klinksync.sync.StreamRun;
import io.klinksync.sync.StreamSync;
import io.klinksync.sync.SyncMetrics;
import io.klinksync.sync.SyncProgress;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * Every bean the routes of routes/ name, bound in one place: each @BindToRegistry method's name is the name a
 * route's `ref:` uses. Built from the settings of one process; the beans that need Camel (the thread pools and
 * StreamSync's producer) take the CamelContext. metricsRegistry alone is bound directly (bindTo): Camel's own
 * metrics look it up while Camel Main starts, before a configuration class's beans are bound.
 */
public final class KlinkBeans implements CamelConfiguration {

    /** Batches written at once: two cores' worth, as each write is mostly database work. */
    private static final int WRITE_THREADS = 2;

    private final Settings settings;
    private final ApiToken token;
    private final MirrorWriter mirror;
    private final MeterRegistry metrics;
    private final Profile profile;
    private final SyncProgress progress;
    private final SyncMetrics syncMetrics;
    private final RateLimitPause pause;
    private final ApiPace pace;
    private final RecordMapping mapping = new RecordMapping();
    private final StreamRun streamRun;
    private ExecutorService pagePool;
    private ExecutorService writePool;
    private StreamSync streamSync;

    public KlinkBeans(Settings settings, ApiToken token, MirrorWriter mirror, Profile profile, SyncProgress progress,
                      MeterRegistry metrics) {
        this.settings = settings;
        this.token = token;
        this.mirror = mirror;
        this.profile = profile;
        this.progress = progress;
        this.metrics = metrics;
        this.syncMetrics = new SyncMetrics(metrics);
        this.pause = new RateLimitPause(new RateLimitPause.Backoff(settings.getLong("api.retry.initial-delay"),
                settings.getDouble("api.retry.multiplier"), settings.getLong("api.retry.max-delay")),
                settings.getLong("api.retry-after.cap"), settings.getLong("api.rate-pause.spacing"), Clock.systemUTC());
        this.pace = ApiPace.fromSetting(settings.get("api.rate-limit"));
        this.streamRun = new StreamRun(mirror, profile, settings.getInt("sync.page-size"),
                settings.getLong("sync.lock.wait"), progress, syncMetrics, StopSignal.process());
    }

    /** Binds every bean into the Main: the registry of meters at once, the rest as this configuration class. */
    public void bindTo(Main main) {
        main.bind("metricsRegistry", metrics);
        main.configure().addConfiguration(this);
    }

    // --- the API (routes/api.camel.yaml)

    @BindToRegistry("profile")
    public Profile profile() {
        return profile;
    }

    @BindToRegistry("apiRequest")
    public ApiRequest apiRequest() {
        return new ApiRequest(token);
    }

    @BindToRegistry("rateLimitPause")
    public RateLimitPause rateLimitPause() {
        return pause;
    }

    @BindToRegistry("apiPace")
    public ApiPace apiPace() {
        return pace;
    }

    @BindToRegistry("apiResponse")
    public ApiResponse apiResponse() {
        return new ApiResponse(profile, pause);
    }

    @BindToRegistry("apiUnreachable")
    public ApiUnreachable apiUnreachable() {
        return new ApiUnreachable(profile);
    }

    @BindToRegistry("retryLog")
    public RetryLog retryLog() {
        return new RetryLog(metrics);
    }

    // --- the sync routes (routes/stream-templates.camel.yaml), step by step

    @BindToRegistry("streamRun")
    public StreamRun streamRun() {
        return streamRun;
    }

    @BindToRegistry("cursorPaging")
    public CursorPaging cursorPaging() {
        return new CursorPaging(pagesPerWrite(), settings.getInt("sync.cursor.max-pages"));
    }

    @BindToRegistry("pageNumberPaging")
    public PageNumberPaging pageNumberPaging() {
        return new PageNumberPaging(pagesPerWrite());
    }

    /** sync.pages-per-write, where auto is the mirror's own (MirrorVendor#pagesPerWrite; on the CSV mirror PAGES_PER_WRITE). */
    private int pagesPerWrite() {
        if (!"auto".equalsIgnoreCase(settings.get("sync.pages-per-write"))) {
            return settings.getInt("sync.pages-per-write");
        }
        return "jdbc".equals(settings.get("mirror.type")) ? MirrorVendor.fromUrl(settings.get("mirror.jdbc.url")).pagesPerWrite()
                : MirrorVendor.PAGES_PER_WRITE;
    }

    @BindToRegistry("recordMapping")
    public RecordMapping recordMapping() {
        return mapping;
    }

    @BindToRegistry("pageWriter")
    public PageWriter pageWriter() {
        return new PageWriter(mirror, mapping, progress, syncMetrics);
    }

    @BindToRegistry("completeness")
    public CompletenessCheck completeness() {
        return new CompletenessCheck(mirror, settings.getInt("sync.drift.max-rewalks"));
    }

    @BindToRegistry("deleteCheck")
    public DeleteCheck deleteCheck() {
        return new DeleteCheck(mirror, settings.getInt("sync.delete.verify-max"));
    }

    @BindToRegistry("recordLookup")
    public RecordLookup recordLookup() {
        return new RecordLookup(mirror, mapping);
    }

    /** The page threads: sync.page.concurrency batches fetched at once. */
    @BindToRegistry("pagePool")
    public synchronized ExecutorService pagePool(CamelContext context) {
        if (pagePool == null) {
            pagePool = context.getExecutorServiceManager().newFixedThreadPool(KlinkRuntime.class, "pages",
                    settings.getInt("sync.page.concurrency"));
        }
        return pagePool;
    }

    /**
     * Mirror writes run here, off the page threads, so fetching goes on while a batch is written. At most one
     * batch waits per page thread; beyond that the page thread writes its batch itself, which bounds memory.
     */
    @BindToRegistry("writePool")
    public synchronized ExecutorService writePool(CamelContext context) {
        if (writePool == null) {
            ThreadPoolProfile writes = new ThreadPoolProfileBuilder("writes").poolSize(WRITE_THREADS)
                    .maxPoolSize(WRITE_THREADS).maxQueueSize(settings.getInt("sync.page.concurrency"))
                    .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
            writePool = context.getExecutorServiceManager().newThreadPool(KlinkRuntime.class, "writes", writes);
        }
        return writePool;
    }

    // --- who runs the routes: commands, schedules and the import inbox

    @BindToRegistry("streamSync")
    public synchronized StreamSync streamSync(CamelContext context) {
        if (streamSync == null) {
            streamSync = new StreamSync(context.createProducerTemplate(), profile, streamRun, StopSignal.process());
        }
        return streamSync;
    }

    @BindToRegistry("contactsInbox")
    public ContactsInbox contactsInbox() {
        return new ContactsInbox();
    }

    @BindToRegistry("mirror")
    public MirrorWriter mirror() {
        return mirror;
    }

    /** The meters of the sync, for `run`'s start-up (every stream and status at 0). */
    SyncMetrics syncMetrics() {
        return syncMetrics;
    }
}
