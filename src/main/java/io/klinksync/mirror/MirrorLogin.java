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
        String password = settings.has("mirror.jdbc.password-file")
                ? readPassword("mirror.jdbc.password-file", Path.of(settings.get("mirror.jdbc.password-file")))
                : settings.blankable("mirror.jdbc.password");
        return of(settings.get("mirror.jdbc.url"), settings.blankable("mirror.jdbc.user"), password);
    }

    /** The login for a mirror at url; a null or empty user is H2's sa there, the driver's default elsewhere. */
    public static MirrorLogin of(String url, String user, String password) {
        String login = user == null ? "" : user;
        if (login.isEmpty() && MirrorVendor.fromUrl(url) == MirrorVendor.H2) {
            login = "sa";
        }
        String secret = password == null ? "" : password;
        SecretRegistry.register(secret);
        return new MirrorLogin(login, secret);
    }

    /** The password a file holds; setting (or option) names the file in the message when it cannot be read. */
    public static String readPassword(String setting, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigurationException(setting + " names " + file + ", which cannot be read ("
                    + UserMessage.of(e, "unreadable") + "). Point it at a readable file that holds the mirror's password.");
        }
    }

    @Override
    public String toString() {
        return "user '" + user + "'"; // never the password
    }
}
