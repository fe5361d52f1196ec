package io.klinksync.api;

import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileTest {

    private static Profile shipped(String name, Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(overrides);
        values.put("profile", name);
        return Profile.from(Settings.load(Path.of("config"), Map.of(), values));
    }

    @Test
    void klinkOffersEveryStreamWithTheDocumentedPathsAndPaging() {
        Profile klink = shipped("klink", Map.of());
        assertThat(klink.baseUrl()).hasToString("https://api.klink.cloud/api/v1");
        assertThat(klink.streams().keySet()).containsExactlyInAnyOrder(
                "conversations", "groups", "contacts", "contact_groups", "contact_fields");
        assertThat(klink.stream("contacts").paging()).isEqualTo(Paging.PAGE);
        assertThat(klink.stream("contact_fields").path()).isEqualTo("/contacts/fields");
        assertThat(klink.stream("conversations").paging()).isEqualTo(Paging.CURSOR);
        assertThat(klink.contactNameField()).isEqualTo("name");
        assertThat(klink.contactUpdateMethod()).isEqualTo("PUT");
    }

    @Test
    void clarityAndOblicOfferConversationsOnly() {
        assertThat(shipped("clarity", Map.of()).streams().keySet()).containsExactly("conversations");
        assertThat(shipped("clarity", Map.of()).basePath()).isEqualTo("/v1");
        assertThat(shipped("oblic", Map.of()).streams().keySet()).containsExactly("conversations");
        assertThat(shipped("oblic", Map.of()).basePath()).isEqualTo("/external");
        assertThatThrownBy(() -> shipped("oblic", Map.of()).stream("contacts"))
                .hasMessageContaining("does not offer stream 'contacts'");
    }

    @Test
    void gatewayProfileUpdatesContactsWithPatch() {
        assertThat(shipped("klink-gateway", Map.of()).contactUpdateMethod()).isEqualTo("PATCH");
    }

    @Test
    void aFourthDeploymentIsOneFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("providers"));
        Files.copy(Path.of("config/application.properties"), dir.resolve("application.properties"));
        Files.writeString(dir.resolve("providers/acme.properties"), """
                provider.base-url=https://api.acme.test/rest
                provider.conversations.path=/chats
                provider.conversations.paging=page
                provider.contacts.path=people
                provider.contacts.paging=cursor
                provider.contacts.create.name-field=username
                provider.contacts.update.method=patch
                """);
        Profile acme = Profile.from(Settings.load(dir, Map.of(), Map.of("profile", "acme")));
        assertThat(acme.stream("conversations")).isEqualTo(new Profile.Stream("conversations", "/chats", Paging.PAGE, false, "data"));
        assertThat(acme.stream("contacts")).isEqualTo(new Profile.Stream("contacts", "/people", Paging.CURSOR, false, "data"));
        assertThat(acme.contactNameField()).isEqualTo("username");
        assertThat(acme.contactUpdateMethod()).isEqualTo("PATCH");
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopback() {
        assertThatThrownBy(() -> shipped("klink", Map.of("api.base-url", "http://api.klink.cloud/api/v1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must use https");
        assertThat(shipped("klink", Map.of("api.base-url", "http://127.0.0.1:8089/api/v1")).baseUrl())
                .hasToString("http://127.0.0.1:8089/api/v1");
        assertThat(shipped("klink", Map.of("api.base-url", "http://localhost:8089/api/v1/")).basePath())
                .isEqualTo("/api/v1");
    }

    @Test
    void unknownPagingStyleIsRefused() {
        assertThatThrownBy(() -> shipped("klink", Map.of("provider.groups.paging", "offset")))
                .hasMessageContaining("provider.groups.paging is 'offset'; expected cursor or page");
    }
}
