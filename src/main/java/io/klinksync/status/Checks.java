package io.klinksync.status;

import io.klinksync.api.ApiException;
import io.klinksync.api.Paging;
import io.klinksync.api.Profile;
import io.klinksync.config.ApiToken;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.KnownKeys;
import io.klinksync.config.Settings;
import io.klinksync.config.SecretRegistry;
import io.klinksync.contacts.ApiSender;
import io.klinksync.mirror.MirrorLogin;
import io.klinksync.mirror.MirrorSchema;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.runtime.KlinkRuntime;
import io.klinksync.service.Schedules;
import io.klinksync.streams.StreamDeclarations;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.quartz.CronExpression;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What `klink-sync check` checks, in order: configuration keys, profile, base URL, token, mirror, cron
 * schedules. A check that needs an earlier one that failed is reported as failed, saying it was not tried.
 */
public final class Checks {

    public static final String CONFIGURATION = "configuration";
    public static final String PROFILE = "profile";
    public static final String BASE_URL = "base URL";
    public static final String TOKEN = "token";
    public static final String MIRROR = "mirror";
    public static final String SCHEDULES = "schedules";

    private final Path configDir;
    private final Map<String, String> commandLine;
    private final Map<String, String> setOptions;
    private final Map<String, String> env;

    /** setOptions: the --set pairs alone, to name them as the source of an unknown key. */
    public Checks(Path configDir, Map<String, String> commandLine, Map<String, String> setOptions, Map<String, String> env) {
        this.configDir = configDir;
        this.commandLine = commandLine;
        this.setOptions = setOptions;
        this.env = env;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        Path applicationFile = configDir.resolve(Settings.APPLICATION_FILE);
        Settings settings = null;
        Profile profile = null;
        String profileFailure = null;
        try {
            settings = Settings.loadAsGiven(configDir, env, commandLine);
            profile = Profile.from(settings);
        } catch (RuntimeException e) {
            profileFailure = SecretRegistry.scrub(e.getMessage());
        }
        Path profileFile = settings == null ? null
                : configDir.resolve(Settings.PROVIDERS_DIR).resolve(settings.get("profile") + ".properties");
        results.add(configuration(applicationFile, profileFile));
        if (profile == null) {
            results.add(CheckResult.fail(PROFILE, profileFailure));
            String skipped = "not tried: the profile did not load";
            results.add(CheckResult.fail(BASE_URL, skipped));
            results.add(CheckResult.fail(TOKEN, skipped));
            results.add(settings == null ? CheckResult.fail(MIRROR, skipped) : mirror(settings));
            results.add(settings == null ? CheckResult.fail(SCHEDULES, skipped) : schedules(settings));
            return results;
        }
        results.add(CheckResult.pass(PROFILE, "'" + profile.name() + "' (" + profile.title() + ") loads from " + profileFile
                + "; it offers " + String.join(", ", profile.streams().keySet())));
        CheckResult baseUrl = baseUrl(settings, profile);
        results.add(baseUrl);
        results.add(baseUrl.ok() ? token(settings, profile) : CheckResult.fail(TOKEN, "not tried: the base URL does not answer"));
        results.add(mirror(settings));
        results.add(schedules(settings));
        return results;
    }

    private CheckResult configuration(Path applicationFile, Path profileFile) {
        if (!Files.isRegularFile(applicationFile)) {
            return CheckResult.fail(CONFIGURATION, applicationFile + " not found; point --config (or KLINK_CONFIG) at the"
                    + " folder that holds " + Settings.APPLICATION_FILE);
        }
        java.util.Properties file;
        try (var reader = Files.newBufferedReader(applicationFile, java.nio.charset.StandardCharsets.UTF_8)) {
            file = new java.util.Properties();
            file.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.fail(CONFIGURATION, applicationFile + " does not parse: " + e.getMessage());
        }
        List<String> unknown = KnownKeys.of(configDir, profileFile != null && Files.isRegularFile(profileFile) ? profileFile : null)
                .unknown(applicationFile, file.stringPropertyNames(), env, setOptions.keySet());
        if (!unknown.isEmpty()) {
            return CheckResult.fail(CONFIGURATION, "unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join("; ", unknown));
        }
        return CheckResult.pass(CONFIGURATION, applicationFile + " parses and every key given is known ("
                + file.size() + " in the file, " + setOptions.size() + " by --set, "
                + env.keySet().stream().filter(v -> v.startsWith(Settings.ENV_PREFIX) && !KnownKeys.OTHER_VARIABLES.contains(v)).count()
                + " by KLINK_* variables)");
    }

    private static CheckResult baseUrl(Settings settings, Profile profile) {
        URI uri = profile.baseUrl();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(settings.getLong("api.connect-timeout"))).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(settings.getLong("api.read-timeout"))).GET().build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return CheckResult.pass(BASE_URL, uri + " answers (HTTP " + response.statusCode() + " to a request without a token)");
        } catch (HttpConnectTimeoutException e) {
            return CheckResult.fail(BASE_URL, uri + " did not accept a connection within api.connect-timeout ("
                    + settings.get("api.connect-timeout") + " ms); check the host, port and any firewall or proxy");
        } catch (HttpTimeoutException e) {
            return CheckResult.fail(BASE_URL, uri + " accepted the connection but sent no answer within api.read-timeout ("
                    + settings.get("api.read-timeout") + " ms)");
        } catch (ConnectException e) {
            if (hasCause(e, UnresolvedAddressException.class)) {
                return CheckResult.fail(BASE_URL, "the host " + uri.getHost() + " of " + uri + " does not resolve; check"
                        + " api.base-url or the profile's provider.base-url, and DNS");
            }
            return CheckResult.fail(BASE_URL, uri + " refused the connection (nothing listens on " + uri.getHost() + ":"
                    + port(uri) + "); check api.base-url, or start the server");
        } catch (IOException e) {
            return CheckResult.fail(BASE_URL, uri + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(BASE_URL, "interrupted while asking " + uri);
        }
    }

    /** One first page of the smallest size per offered stream, through the product's own api route. */
    private CheckResult token(Settings settings, Profile profile) {
        ApiToken token;
        try {
            token = ApiToken.fromEnvironment(env);
        } catch (RuntimeException e) {
            return CheckResult.fail(TOKEN, SecretRegistry.scrub(e.getMessage()));
        }
        List<String> asked = new ArrayList<>();
        try (KlinkRuntime runtime = KlinkRuntime.start(settings, token, new NoMirror())) {
            ApiSender api = new ApiSender(runtime.context().createProducerTemplate());
            for (Profile.Stream stream : profile.streams().values()) {
                String query = stream.paging() == Paging.CURSOR ? "limit=1" : "page=1&pageSize=1";
                api.call("GET", stream.path(), query, null);
                asked.add(stream.name() + " (GET " + stream.path() + "?" + query + ")");
            }
        } catch (ApiException e) {
            return CheckResult.fail(TOKEN, SecretRegistry.scrub(e.getMessage()));
        } catch (Exception e) {
            return CheckResult.fail(TOKEN, "could not ask the API: " + SecretRegistry.scrub(String.valueOf(e.getMessage())));
        }
        return CheckResult.pass(TOKEN, "accepted for every offered stream: " + String.join(", ", asked));
    }

    private static CheckResult mirror(Settings settings) {
        String type = settings.get("mirror.type").toLowerCase(Locale.ROOT);
        if ("csv".equals(type)) {
            Path dir = Path.of(settings.get("mirror.csv.dir"));
            Path existing = dir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                return CheckResult.fail(MIRROR, "the CSV mirror folder " + dir + " cannot be created or written (" + existing
                        + " is not a writable folder)");
            }
            return CheckResult.pass(MIRROR, "the CSV mirror folder " + dir + (Files.isDirectory(dir) ? " exists and is writable"
                    : " does not exist yet and can be created"));
        }
        if (!"jdbc".equals(type)) {
            return CheckResult.fail(MIRROR, "mirror.type is '" + type + "'; use jdbc or csv");
        }
        String described = MirrorProbe.describe(settings);
        MirrorVendor vendor;
        try {
            vendor = MirrorVendor.fromUrl(settings.get("mirror.jdbc.url"));
        } catch (RuntimeException e) {
            return CheckResult.fail(MIRROR, e.getMessage());
        }
        MirrorLogin login = MirrorLogin.from(settings);
        try (Connection ignored = MirrorProbe.connect(settings)) {
            // reachable with these credentials
        } catch (Exception e) {
            return CheckResult.fail(MIRROR, "cannot connect to " + described + " as " + login
                    + ": " + firstLine(e.getMessage()) + ". Check mirror.jdbc.url, mirror.jdbc.user and mirror.jdbc.password (or --jdbc-password-file),"
                    + " and that the database is running (an embedded SQLite or H2 file is created by the first sync)");
        }
        try (Connection c = MirrorProbe.connect(settings)) {
            if (MirrorSchema.awaitsReleaseZeroUpgrade(c)) {
                return CheckResult.pass(MIRROR, described + " (" + vendor.folder() + ") is reachable and migrated to V11"
                        + " by release 0; klink-sync sync (or run, or import) upgrades it in place when it opens the mirror");
            }
        } catch (Exception e) {
            return CheckResult.fail(MIRROR, "cannot read the migration history of " + described + ": " + firstLine(e.getMessage()));
        }
        try {
            MigrationInfo[] all = MirrorSchema.configure(vendor, MirrorProbe.url(vendor, settings.get("mirror.jdbc.url")),
                            login.user(), login.password())
                    .load().info().all();
            List<MigrationInfo> failed = Arrays.stream(all).filter(m -> m.getState() == MigrationState.FAILED).toList();
            if (!failed.isEmpty()) {
                return CheckResult.fail(MIRROR, described + " has a failed migration: " + names(failed)
                        + "; repair it by hand from Flyway's history table before syncing");
            }
            List<MigrationInfo> pending = Arrays.stream(all).filter(m -> m.getState() == MigrationState.PENDING).toList();
            if (!pending.isEmpty()) {
                return CheckResult.fail(MIRROR, described + " is reachable but not migrated: " + pending.size()
                        + " pending migration" + (pending.size() > 1 ? "s " : " ") + names(pending)
                        + "; klink-sync sync (or run, or import) migrates it when it opens the mirror");
            }
            MigrationInfo current = Arrays.stream(all).filter(m -> m.getState().isApplied()).reduce((a, b) -> b).orElse(null);
            return CheckResult.pass(MIRROR, described + " (" + vendor.folder() + ") is reachable and migrated"
                    + (current == null ? "" : " to V" + current.getVersion() + " " + current.getDescription()));
        } catch (RuntimeException e) {
            return CheckResult.fail(MIRROR, "cannot read the migration history of " + described + ": " + firstLine(e.getMessage()));
        }
    }

    private static CheckResult schedules(Settings settings) {
        Map<String, String> crons = new TreeMap<>();
        try {
            StreamDeclarations.of(settings).all()
                    .forEach(stream -> crons.put("sync." + stream.name() + ".cron", Schedules.cron(settings, stream)));
        } catch (ConfigurationException e) {
            return CheckResult.fail(SCHEDULES, firstLine(e.getMessage()));
        }
        settings.asProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("sync.") && k.endsWith(".cron") && !crons.containsKey(k))
                .forEach(k -> crons.put(k, settings.get(k, "")));
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> cron : crons.entrySet()) {
            try {
                CronExpression.validateExpression(cron.getValue());
            } catch (ParseException e) {
                bad.add(cron.getKey() + "='" + cron.getValue() + "' is not a Quartz cron expression (" + e.getMessage() + ")");
            }
        }
        if (!bad.isEmpty()) {
            return CheckResult.fail(SCHEDULES, String.join("; ", bad) + ". Quartz cron has a seconds field first:"
                    + " seconds minutes hours day-of-month month day-of-week, with ? in one of the day fields;"
                    + " e.g. '0 0/15 * * * ?' is every 15 minutes");
        }
        return CheckResult.pass(SCHEDULES, crons.size() + " cron expressions are valid Quartz cron ("
                + String.join(", ", crons.keySet()) + ")");
    }

    private static String names(List<MigrationInfo> migrations) {
        return migrations.stream().map(m -> "V" + m.getVersion() + " " + m.getDescription()).collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return SecretRegistry.scrub(line);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
