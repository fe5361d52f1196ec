package io.klinksync.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API token. It is read from KLINK_TOKEN or from the file named by KLINK_TOKEN_FILE, and its
 * toString never reveals it, so it cannot leak through a log line or an exception message by accident.
 */
public final class ApiToken {

    public static final String TOKEN_ENV = "KLINK_TOKEN";
    public static final String TOKEN_FILE_ENV = "KLINK_TOKEN_FILE";

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    public static ApiToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("The API token is empty.");
        }
        ApiToken token = new ApiToken(value.strip());
        SecretRegistry.register(token.value);
        return token;
    }

    /** Reads the token from the environment; the message names the variables, never a value. */
    public static ApiToken fromEnvironment(Map<String, String> env) {
        String direct = env.get(TOKEN_ENV);
        if (direct != null && !direct.isBlank()) {
            return of(direct);
        }
        String file = env.get(TOKEN_FILE_ENV);
        if (file != null && !file.isBlank()) {
            try {
                return of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigurationException(TOKEN_FILE_ENV + " names " + file + ", which cannot be read ("
                        + UserMessage.of(e, "unreadable") + "). Point it at a readable file that holds the token.");
            }
        }
        throw new ConfigurationException("No API token. Set " + TOKEN_ENV + ", or " + TOKEN_FILE_ENV
                + " to a file holding the token (from the dashboard's API settings).");
    }

    public String bearerHeader() {
        return "Bearer " + value;
    }

    /** For the sandbox, which compares what it received with the token it accepts. */
    public boolean matches(String presented) {
        return presented != null && java.security.MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
