package io.klinksync.config;

import io.klinksync.streams.StreamDeclarations;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys klink-sync reads: those of the shipped config/application.properties (built into the jar, so a user's
 * edited copy cannot vouch for its own typos) and the provider.* keys of the profile. Finds the nearest known key
 * for an unknown one.
 */
public final class KnownKeys {

    /** Where the build puts the shipped application.properties (see the pom's resources). */
    static final String DEFAULTS = "/klink-defaults/application.properties";

    /** KLINK_* variables that are not settings: the token, the config folder, logging, the launcher, the tests. */
    public static final Set<String> OTHER_VARIABLES = Set.of("KLINK_TOKEN", "KLINK_TOKEN_FILE", "KLINK_CONFIG",
            "KLINK_LOG_LEVEL", "KLINK_LIBRARY_LOG_LEVEL", "KLINK_JAVA_OPTS", "KLINK_JAR", "KLINK_REQUIRE_DATABASES", "KLINK_BENCH_CPU_TIMES");

    /** sync.STREAM.* keys of every declared stream: its cron (the declaration's schedule) and its max age. */
    static final List<String> STREAM_SETTINGS = List.of("cron", "max-age");
    /** provider.STREAM.* keys of every declared stream: where a profile offers it, and how. */
    static final List<String> STREAM_PROVIDER_SETTINGS = List.of("path", "paging", "retrieve");

    private final Set<String> keys;

    private KnownKeys(Set<String> keys) {
        this.keys = keys;
    }

    /** profileFile may be null when the profile did not load; then provider.* keys of every shipped profile count. */
    public static KnownKeys of(Path configDir, Path profileFile) {
        Set<String> keys = new TreeSet<>(shipped(configDir).stringPropertyNames());
        List<Path> profiles = new ArrayList<>();
        if (profileFile != null) {
            profiles.add(profileFile);
        } else {
            Settings.availableProfiles(configDir).forEach(p -> profiles.add(configDir.resolve(Settings.PROVIDERS_DIR).resolve(p + ".properties")));
        }
        for (Path profile : profiles) {
            read(profile).stringPropertyNames().stream().filter(k -> k.startsWith("provider.")).forEach(keys::add);
        }
        keys.addAll(perStream(configDir));
        return new KnownKeys(keys);
    }

    /**
     * The keys every declared stream has (config/streams/NAME.stream.yaml), with no line of their own in the
     * shipped files: its schedule and freshness overrides, and what a profile sets for it.
     */
    private static List<String> perStream(Path configDir) {
        List<String> names;
        try {
            names = StreamDeclarations.in(configDir).names();
        } catch (ConfigurationException e) {
            return List.of(); // reported where the declarations are read (the profile, the schedules)
        }
        List<String> keys = new ArrayList<>();
        for (String stream : names) {
            for (String suffix : STREAM_SETTINGS) {
                keys.add("sync." + stream + "." + suffix);
            }
            for (String suffix : STREAM_PROVIDER_SETTINGS) {
                keys.add("provider." + stream + "." + suffix);
            }
        }
        return keys;
    }

    private boolean knows(String key) {
        return keys.contains(key);
    }

    /**
     * One line per key or variable given that names no setting, each with the nearest known one: keys of the
     * user's application file, KLINK_* variables of the environment, and keys given on the command line.
     */
    public List<String> unknown(Path applicationFile, Set<String> fileKeys, Map<String, String> env, Set<String> commandLineKeys) {
        List<String> lines = new ArrayList<>();
        fileKeys.stream().filter(k -> !knows(k)).sorted()
                .forEach(k -> lines.add("'" + k + "' in " + applicationFile + ": did you mean " + nearest(k) + "?"));
        unknownVariables(env).forEach(v -> lines.add("environment variable " + v + " names no setting: did you mean "
                + nearestVariable(v) + "?"));
        commandLineKeys.stream().filter(k -> !knows(k)).sorted()
                .forEach(k -> lines.add("'" + k + "' in --set: did you mean " + nearest(k) + "?"));
        return lines;
    }

    private List<String> unknownVariables(Map<String, String> env) {
        Set<String> settingVariables = new TreeSet<>();
        keys.forEach(k -> settingVariables.add(Settings.environmentName(k)));
        return env.keySet().stream().filter(v -> v.startsWith(Settings.ENV_PREFIX))
                .filter(v -> !OTHER_VARIABLES.contains(v) && !settingVariables.contains(v)).sorted().toList();
    }

    private String nearest(String key) {
        return keys.stream().min(Comparator.comparingInt((String k) -> distance(k, key)).thenComparing(k -> k)).orElse("");
    }

    private String nearestVariable(String variable) {
        return keys.stream().map(Settings::environmentName)
                .min(Comparator.comparingInt((String v) -> distance(v, variable)).thenComparing(v -> v)).orElse("");
    }

    /** The shipped defaults, the bottom layer of {@link Settings}: every key this build reads that has a default. */
    static Map<String, String> shippedDefaults(Path configDir) {
        Properties properties = shipped(configDir);
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> defaults.put(k, properties.getProperty(k)));
        return defaults;
    }

    /** The shipped file from the jar; outside a build (an IDE run) the config folder's own file. */
    private static Properties shipped(Path configDir) {
        try (InputStream in = KnownKeys.class.getResourceAsStream(DEFAULTS)) {
            if (in != null) {
                Properties properties = new Properties();
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                return properties;
            }
        } catch (IOException e) {
            // fall back to the config folder's file below
        }
        return read(configDir.resolve(Settings.APPLICATION_FILE));
    }

    static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                // an unreadable file has no keys; the configuration check reports the file itself
            }
        }
        return properties;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
