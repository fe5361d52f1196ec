package io.klinksync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        Files.createDirectories(dir.resolve("providers"));
        Files.writeString(dir.resolve("application.properties"), """
                profile=acme
                sync.page-size=50
                sync.page.concurrency=4
                """);
        Files.writeString(dir.resolve("providers/acme.properties"), """
                provider.base-url=https://api.acme.test/v2
                provider.conversations.path=/conversations
                provider.conversations.paging=cursor
                sync.page-size=10
                """);
        return dir;
    }

    @Test
    void applicationFileOverridesTheProfileFile() throws IOException {
        Settings settings = Settings.load(config(), Map.of(), Map.of());
        assertThat(settings.get("sync.page-size")).isEqualTo("50");
        assertThat(settings.get("provider.base-url")).isEqualTo("https://api.acme.test/v2");
    }

    @Test
    void environmentOverridesTheFileAndCommandLineOverridesBoth() throws IOException {
        Map<String, String> env = Map.of("KLINK_SYNC_PAGE_SIZE", "70", "KLINK_SYNC_PAGE_CONCURRENCY", "2");
        Settings settings = Settings.load(config(), env, Map.of("sync.page-size", "90"));
        assertThat(settings.get("sync.page-size")).isEqualTo("90");
        assertThat(settings.getInt("sync.page.concurrency")).isEqualTo(2);
    }

    @Test
    void environmentCanOverrideAKeyOnlyTheProfileDefines() throws IOException {
        Settings settings = Settings.load(config(), Map.of("KLINK_PROVIDER_BASE_URL", "https://eu.acme.test/v2"), Map.of());
        assertThat(settings.get("provider.base-url")).isEqualTo("https://eu.acme.test/v2");
    }

    @Test
    void environmentAndCommandLineChooseTheProfile() throws IOException {
        Path config = config();
        Files.writeString(config.resolve("providers/other.properties"), "provider.base-url=https://other.test\n");
        assertThat(Settings.load(config, Map.of("KLINK_PROFILE", "other"), Map.of()).get("provider.base-url"))
                .isEqualTo("https://other.test");
        assertThat(Settings.load(config, Map.of("KLINK_PROFILE", "other"), Map.of("profile", "acme")).get("provider.base-url"))
                .isEqualTo("https://api.acme.test/v2");
    }

    @Test
    void unknownProfileNamesTheAvailableOnes() throws IOException {
        assertThatThrownBy(() -> Settings.load(config(), Map.of(), Map.of("profile", "nope")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unknown profile 'nope'")
                .hasMessageContaining("[acme]");
    }

    @Test
    void missingSettingSaysWhereToSetIt() throws IOException {
        // Every key has a shipped default now, so only a value set empty is missing.
        Settings settings = Settings.load(config(), Map.of(), Map.of("mirror.jdbc.url", ""));
        assertThatThrownBy(() -> settings.get("mirror.jdbc.url"))
                .hasMessageContaining("KLINK_MIRROR_JDBC_URL")
                .hasMessageContaining("--set mirror.jdbc.url=VALUE");
    }

    @Test
    void wrongNumberNamesTheSettingAndTheValue() throws IOException {
        Settings settings = Settings.load(config(), Map.of(), Map.of("sync.page.concurrency", "four"));
        assertThatThrownBy(() -> settings.getInt("sync.page.concurrency"))
                .hasMessage("Setting 'sync.page.concurrency' must be a whole number, not 'four'.");
    }

    @Test
    void shippedConfigurationLoadsForEveryShippedProfile() {
        for (String profile : Settings.availableProfiles(Path.of("config"))) {
            Settings settings = Settings.load(Path.of("config"), Map.of(), Map.of("profile", profile));
            assertThat(settings.get("provider.base-url")).startsWith("https://");
        }
        assertThat(Settings.availableProfiles(Path.of("config"))).contains("klink", "clarity", "oblic", "klink-gateway");
    }
    @Test
    void mistypedKeyOnTheCommandLineIsRefusedWithTheNearestKnownKey() throws IOException {
        assertThatThrownBy(() -> Settings.load(config(), Map.of(), Map.of("sync.page-sise", "50")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'sync.page-sise' in --set")
                .hasMessageContaining("did you mean sync.page-size?");
    }

    @Test
    void mistypedEnvironmentVariableIsRefusedWithTheNearestKnownVariable() throws IOException {
        assertThatThrownBy(() -> Settings.load(config(), Map.of("KLINK_SYNC_PAGE_SISE", "50"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KLINK_SYNC_PAGE_SISE")
                .hasMessageContaining("did you mean KLINK_SYNC_PAGE_SIZE?");
    }

    @Test
    void mistypedKeyInTheFileIsRefusedNamingTheFile() throws IOException {
        Path config = config();
        Files.writeString(config.resolve("application.properties"), "profile=acme\nsync.pagesize=50\n");
        assertThatThrownBy(() -> Settings.load(config, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'sync.pagesize' in " + config.resolve("application.properties"))
                .hasMessageContaining("did you mean sync.page-size?");
    }

    @Test
    void variablesThatAreNotSettingsAndTheProfilesOwnKeysAreAccepted() throws IOException {
        Settings settings = Settings.load(config(), Map.of("KLINK_LOG_LEVEL", "DEBUG", "KLINK_TOKEN", "t"),
                Map.of("provider.conversations.path", "/v3/conversations"));
        assertThat(settings.get("provider.conversations.path")).isEqualTo("/v3/conversations");
    }
}
