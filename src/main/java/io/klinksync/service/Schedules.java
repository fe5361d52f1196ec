package io.klinksync.service;

import io.klinksync.api.Profile;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.StreamDeclarations;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cron schedule of every stream `run` syncs (the declaration's schedule, unless sync.STREAM.cron overrides it), checked before anything starts, and the
 * freshness each allows (sync.STREAM.max-age, by default derived from the cron).
 */
public final class Schedules {

    private static final Pattern STREAM_KEY = Pattern.compile("sync\\.([^.]+)\\.(cron|max-age)");
    /** What a stream may lag behind its schedule by default, beyond two of its intervals: a slow run, a restart. */
    private static final Duration DEFAULT_SLACK = Duration.ofMinutes(5);

    private final Map<String, CronExpression> crons;
    private final Map<String, Duration> maxAges;

    private Schedules(Map<String, CronExpression> crons, Map<String, Duration> maxAges) {
        this.crons = crons;
        this.maxAges = maxAges;
    }

    /**
     * Checks every sync.*.cron and sync.*.max-age key (each must name a stream klink-sync knows, and a cron must
     * be a Quartz cron), and reads the schedules of the streams the profile offers.
     */
    public static Schedules of(Settings settings, Profile profile) {
        StreamDeclarations declared = StreamDeclarations.of(settings);
        for (String key : settings.asProperties().stringPropertyNames()) {
            Matcher m = STREAM_KEY.matcher(key);
            if (m.matches() && !declared.byName().containsKey(m.group(1))) {
                throw new ConfigurationException("Setting '" + key + "' names no stream: '" + m.group(1)
                        + "' is not one of " + String.join(", ", declared.names()) + " (config/streams/).");
            }
        }
        Map<String, CronExpression> crons = new LinkedHashMap<>();
        Map<String, Duration> maxAges = new LinkedHashMap<>();
        for (String stream : profile.streams().keySet()) {
            String key = "sync." + stream + ".cron";
            CronExpression cron = parse(key, cron(settings, declared.get(stream)));
            crons.put(stream, cron);
            String ageKey = "sync." + stream + ".max-age";
            maxAges.put(stream, settings.has(ageKey) ? Duration.ofMillis(settings.getLong(ageKey)) : defaultMaxAge(cron));
        }
        return new Schedules(crons, maxAges);
    }

    /** The stream's cron: sync.STREAM.cron when set (file, environment or --set), else its declared schedule. */
    public static String cron(Settings settings, StreamDeclaration declared) {
        return settings.get("sync." + declared.name() + ".cron", declared.schedule());
    }

    static CronExpression parse(String key, String value) {
        try {
            return new CronExpression(value);
        } catch (ParseException | RuntimeException e) {
            throw new ConfigurationException("Setting '" + key + "' is not a Quartz cron expression ('" + value + "': "
                    + e.getMessage() + "). A Quartz cron has 6 or 7 fields and starts with seconds: seconds minutes hours"
                    + " day-of-month month day-of-week [year], with ? in one of the two day fields; e.g. '0 */5 * * * ?'"
                    + " for every five minutes.");
        }
    }

    /** Two intervals of the schedule, plus some slack: one missed or failed firing is not yet stale. */
    static Duration defaultMaxAge(CronExpression cron) {
        Date first = cron.getNextValidTimeAfter(new Date());
        Date second = first == null ? null : cron.getNextValidTimeAfter(first);
        if (second == null) {
            return Duration.ofDays(3650); // a schedule that (almost) never fires allows any age
        }
        return Duration.ofMillis(second.getTime() - first.getTime()).multipliedBy(2).plus(DEFAULT_SLACK);
    }

    public Map<String, CronExpression> crons() {
        return crons;
    }

    public String cron(String stream) {
        return crons.get(stream).getCronExpression();
    }

    public Duration maxAge(String stream) {
        return maxAges.get(stream);
    }

    /** When the cron fires next after the given time, or null when never. */
    public Instant nextFire(String stream, Instant after) {
        Date next = crons.get(stream).getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }
}
