package io.klinksync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The resolved configuration: the shipped config/application.properties (built into the jar, the one home of
 * every setting's default), then the profile file, then the user's config/application.properties, then KLINK_*
 * environment variables, then command-line values, each layer overriding the one before. A user's file that
 * lacks a key (one written for an older release) thus still gets the shipped default.
 */
public final class Settings {

    public static final String ENV_PREFIX = "KLINK_";
    public static final String APPLICATION_FILE = "application.properties";
    public static final String PROVIDERS_DIR = "providers";

    private final Map<String, String> values;
    private final Map<String, String> shipped;
    private final Path configDir;

    private Settings(Map<String, String> values, Map<String, String> shipped, Path configDir) {
        this.values = values;
        this.shipped = shipped;
        this.configDir = configDir;
    }

    /**
     * Loads from a config folder holding application.properties and providers/NAME.properties. A key or KLINK_*
     * variable that names no setting is refused with the nearest known one, since a typo would otherwise run with
     * the default unnoticed.
     */
    public static Settings load(Path configDir, Map<String, String> env, Map<String, String> commandLine) {
        return load(configDir, env, commandLine, true);
    }

    /** As {@link #load} but accepting unknown keys, for `check`, which reports them beside its other checks. */
    public static Settings loadAsGiven(Path configDir, Map<String, String> env, Map<String, String> commandLine) {
        return load(configDir, env, commandLine, false);
    }

    private static Settings load(Path configDir, Map<String, String> env, Map<String, String> commandLine, boolean refuseUnknown) {
        Path applicationFile = configDir.resolve(APPLICATION_FILE);
        if (!Files.isRegularFile(applicationFile)) {
            throw new ConfigurationException("Configuration file " + applicationFile + " not found. Run klink-sync from its"
                    + " folder, or point --config (or KLINK_CONFIG) at the folder that holds " + APPLICATION_FILE + ".");
        }
        Map<String, String> application = readProperties(applicationFile);
        // The profile is chosen by the same layers it then sits under.
        Map<String, String> shipped = KnownKeys.shippedDefaults(configDir);
        String profile = Stream.of(commandLine.get("profile"), env.get(environmentName("profile")), application.get("profile"),
                        shipped.get("profile"))
                .filter(value -> value != null && !value.isBlank()).map(String::trim).findFirst().orElse("");
        if (profile.isEmpty()) {
            throw new ConfigurationException("No deployment profile is set. Set profile= in " + applicationFile
                    + ", KLINK_PROFILE, or --profile; available: " + availableProfiles(configDir));
        }
        Path providerFile = configDir.resolve(PROVIDERS_DIR).resolve(profile + ".properties");
        if (!Files.isRegularFile(providerFile)) {
            throw new ConfigurationException("Unknown profile '" + profile + "': no file " + providerFile
                    + ". Available: " + availableProfiles(configDir) + ". Add a deployment by writing that file.");
        }
        if (refuseUnknown) {
            List<String> unknown = KnownKeys.of(configDir, providerFile)
                    .unknown(applicationFile, application.keySet(), env, commandLine.keySet());
            if (!unknown.isEmpty()) {
                throw new ConfigurationException("Unknown setting " + String.join("; ", unknown)
                        + " Run 'klink-sync check' to see every key.");
            }
        }
        Map<String, String> layered = new LinkedHashMap<>(shipped);
        layered.putAll(readProperties(providerFile));
        layered.putAll(application);
        layered.putAll(fromEnvironment(env, layered.keySet()));
        layered.putAll(commandLine);
        return new Settings(Collections.unmodifiableMap(layered), Collections.unmodifiableMap(shipped), configDir);
    }

    /** KLINK_SYNC_PAGE_CONCURRENCY for sync.page.concurrency. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Set<String> availableProfiles(Path configDir) {
        Set<String> names = new TreeSet<>();
        try (var files = Files.list(configDir.resolve(PROVIDERS_DIR))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".properties".length())));
        } catch (IOException e) {
            // No providers folder: the caller's message already says which profile was asked for.
        }
        return names;
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("Setting '" + key + "' is not set. Set it in " + configDir.resolve(APPLICATION_FILE)
                    + ", or with " + environmentName(key) + " or --set " + key + "=VALUE.");
        }
        return value.trim();
    }

    /**
     * A setting whose shipped value is empty and where empty has a meaning application.properties documents
     * (mirror.jdbc.user, api.base-url, import.labels): the value, or "" when it is empty.
     */
    public String blankable(String key) {
        String value = values.get(key);
        return value == null ? "" : value.trim();
    }

    /**
     * For the provider.* keys of a profile file, which application.properties does not define: the value, or
     * fallback when the profile leaves it out. Every other key has its default in the shipped file; use get().
     */
    public String get(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting '" + key + "' must be a whole number, not '" + value + "'.");
        }
    }

    public long getLong(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting '" + key + "' must be a whole number, not '" + value + "'.");
        }
    }

    public double getDouble(String key) {
        String value = get(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting '" + key + "' must be a number, not '" + value + "'.");
        }
    }

    public boolean getBoolean(String key) {
        String value = get(key).toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigurationException("Setting '" + key + "' must be true or false, not '" + value + "'.");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * The value this build ships for the key (the bottom layer: the shipped config/application.properties built
     * into the jar), whatever the user's file, the environment or the command line say; "" when it ships none.
     * For the one decision that depends on whether a setting was left at its default (EmbeddedDefaultUpgrade).
     */
    public String shippedDefault(String key) {
        String value = shipped.get(key);
        return value == null ? "" : value.trim();
    }

    public boolean has(String key) {
        String value = values.get(key);
        return value != null && !value.isBlank();
    }

    public Path configDir() {
        return configDir;
    }

    /** Every resolved value, for Camel's property placeholders. */
    public Properties asProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /** A copy with some values replaced, e.g. the base URL of a sandbox started by the demo. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides);
        return new Settings(Collections.unmodifiableMap(copy), shipped, configDir);
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env, Set<String> keys) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String key : keys) {
            String value = env.get(environmentName(key));
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
