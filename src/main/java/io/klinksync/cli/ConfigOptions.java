package io.klinksync.cli;

import io.klinksync.config.Settings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command that reads configuration shares; they form the highest layer of Settings. */
public class ConfigOptions {

    @Option(names = "--config", paramLabel = "DIR", description = "Folder holding application.properties and providers/ (default: config, or KLINK_CONFIG).")
    Path configDir;

    @Option(names = "--profile", paramLabel = "NAME", description = "Deployment profile: a file in config/providers/ (klink, klink-gateway, clarity, oblic, ...).")
    String profile;

    @Option(names = "--base-url", paramLabel = "URL", description = "Override the profile's base URL (https, or http on localhost).")
    String baseUrl;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any setting of config/application.properties.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Values given on the command line, keyed like config/application.properties. */
    public Map<String, String> commandLineValues() {
        Map<String, String> values = new LinkedHashMap<>(overrides);
        if (profile != null) {
            values.put("profile", profile);
        }
        if (baseUrl != null) {
            values.put("api.base-url", baseUrl);
        }
        return values;
    }

    public Settings load(Map<String, String> extra) {
        Map<String, String> values = commandLineValues();
        values.putAll(extra);
        return Settings.load(configDir(), System.getenv(), values);
    }

    public Settings load() {
        return load(Map.of());
    }

    public Path configDir() {
        if (configDir != null) {
            return configDir;
        }
        String env = System.getenv("KLINK_CONFIG");
        return Path.of(env == null || env.isBlank() ? "config" : env);
    }
}
