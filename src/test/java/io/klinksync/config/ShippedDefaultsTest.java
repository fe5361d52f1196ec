package io.klinksync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config/application.properties is the one home of every setting's default: the shipped file lies under the
 * user's, so a user's file that sets one key gets every other from the shipped one, and no route placeholder
 * carries a second default.
 */
class ShippedDefaultsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]*)}}");

    @TempDir
    Path dir;

    @Test
    void aUserFileWithOneKeyGetsEveryOtherDefaultFromTheShippedFile() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        try (Stream<Path> profiles = Files.list(Path.of("config", "providers"))) {
            Files.createDirectories(config.resolve("providers"));
            for (Path profile : profiles.toList()) {
                Files.copy(profile, config.resolve("providers").resolve(profile.getFileName()));
            }
        }
        Files.writeString(config.resolve("application.properties"), "# written for an older release\nsync.page-size=50\n");

        Settings settings = Settings.load(config, Map.of(), Map.of());

        assertThat(settings.getInt("sync.page-size")).isEqualTo(50);
        Properties shipped = read(Path.of("config", "application.properties"));
        assertThat(shipped.stringPropertyNames()).hasSizeGreaterThan(50);
        for (String key : shipped.stringPropertyNames()) {
            if (!key.equals("sync.page-size")) {
                assertThat(settings.blankable(key)).as(key).isEqualTo(shipped.getProperty(key).trim());
            }
        }
        assertThat(settings.get("profile")).isEqualTo("klink");
        assertThat(settings.get("provider.base-url")).isEqualTo("https://api.klink.cloud/api/v1");
        // What the code reads through the typed getters, with no default of its own.
        assertThat(settings.getInt("export.fetch-size")).isEqualTo(500);
        assertThat(settings.get("mirror.type")).isEqualTo("jdbc");
        assertThat(settings.get("csv.multi-value-separator")).isEqualTo("|");
        assertThat(settings.getBoolean("import.inbox.enabled")).isTrue();
    }

    @Test
    void theEnvironmentReachesAKeyTheUserFileLacks() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("providers"));
        Files.copy(Path.of("config", "providers", "klink.properties"), config.resolve("providers/klink.properties"));
        Files.writeString(config.resolve("application.properties"), "profile=klink\n");

        Settings settings = Settings.load(config, Map.of("KLINK_EXPORT_FETCH_SIZE", "42"), Map.of());

        assertThat(settings.getInt("export.fetch-size")).isEqualTo(42);
    }

    @Test
    void noRoutePlaceholderCarriesADefault() throws IOException {
        List<String> withDefault = new ArrayList<>();
        int placeholders = 0;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(route, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = PLACEHOLDER.matcher(lines.get(i));
                    while (m.find()) {
                        placeholders++;
                        if (m.group(1).contains(":")) {
                            withDefault.add(route.getFileName() + ":" + (i + 1) + " " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(placeholders).isGreaterThan(10);
        assertThat(withDefault).as("the default belongs in config/application.properties").isEmpty();
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
