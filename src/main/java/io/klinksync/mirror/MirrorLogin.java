package io.klinksync.mirror;

import io.klinksync.config.ConfigurationException;
import io.klinksync.config.SecretRegistry;
import io.klinksync.config.Settings;
import io.klinksync.config.UserMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who the mirror database is opened as: mirror.jdbc.user, and the password from mirror.jdbc.password-file when
 * set (a mounted secret), else mirror.jdbc.password. An empty user is H2's `sa` and the driver's own default
 * elsewhere, so a PostgreSQL URL without a user is not tried as H2's administrator.
 */
public record MirrorLogin(String user, String password) {

    public static MirrorLogin from(Settings settings) {
        MirrorVendor vendor = MirrorVendor.fromUrl(settings.get("mirror.jdbc.url"));
        String user = settings.blankable("mirror.jdbc.user");
        if (user.isEmpty() && vendor == MirrorVendor.H2) {
            user = "sa";
        }
        String password = settings.has("mirror.jdbc.password-file")
                ? read(Path.of(settings.get("mirror.jdbc.password-file")))
                : settings.blankable("mirror.jdbc.password");
        SecretRegistry.register(password);
        return new MirrorLogin(user, password);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigurationException("mirror.jdbc.password-file names " + file + ", which cannot be read ("
                    + UserMessage.of(e, "unreadable") + "). Point it at a readable file that holds the mirror's password.");
        }
    }

    @Override
    public String toString() {
        return "user '" + user + "'"; // never the password
    }
}
