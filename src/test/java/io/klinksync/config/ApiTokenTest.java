package io.klinksync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokenTest {

    @Test
    void theTokenComesFromKlinkTokenFirst(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file-4321\n");
        ApiToken token = ApiToken.fromEnvironment(Map.of("KLINK_TOKEN", "from-env-1234", "KLINK_TOKEN_FILE", file.toString()));
        assertThat(token.bearerHeader()).isEqualTo("Bearer from-env-1234");
    }

    @Test
    void theTokenFileIsReadWithoutItsLineEnd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file-4321\n");
        assertThat(ApiToken.fromEnvironment(Map.of("KLINK_TOKEN_FILE", file.toString())).bearerHeader())
                .isEqualTo("Bearer from-file-4321");
    }

    @Test
    void noTokenSaysWhereToPutOne() {
        assertThatThrownBy(() -> ApiToken.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KLINK_TOKEN").hasMessageContaining("KLINK_TOKEN_FILE");
    }

    @Test
    void anUnreadableTokenFileIsNamedButNothingOfItsContent(@TempDir Path dir) {
        assertThatThrownBy(() -> ApiToken.fromEnvironment(Map.of("KLINK_TOKEN_FILE", dir.resolve("missing").toString())))
                .hasMessageContaining("missing").hasMessageContaining("cannot be read");
    }

    @Test
    void theTokenNeverShowsInToStringOrScrubbedText() {
        ApiToken token = ApiToken.of("s3cret-token-value");
        assertThat(token.toString()).doesNotContain("s3cret");
        assertThat(SecretRegistry.scrub("Authorization: Bearer s3cret-token-value")).isEqualTo("Authorization: Bearer ****");
    }
}
