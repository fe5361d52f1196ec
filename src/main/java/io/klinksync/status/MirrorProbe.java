package io.klinksync.status;

import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorLogin;
import io.klinksync.mirror.MirrorVendor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A plain connection to the mirror database for reading it as it is: no pool, no migration, and an H2 file that
 * does not exist is not created (a status or a check must not leave an empty mirror behind).
 */
public final class MirrorProbe {

    private MirrorProbe() {
    }

    public static Connection connect(Settings settings) throws SQLException {
        String url = settings.get("mirror.jdbc.url");
        MirrorVendor vendor = MirrorVendor.fromUrl(url);
        MirrorLogin login = MirrorLogin.from(settings);
        return DriverManager.getConnection(url(vendor, url), login.user(), login.password());
    }

    /** The URL the mirror's own pool would use, with H2's IFEXISTS for file databases. */
    public static String url(MirrorVendor vendor, String url) {
        String tuned = vendor.tuneUrl(url);
        String lower = tuned.toLowerCase(Locale.ROOT);
        boolean h2File = vendor == MirrorVendor.H2 && !lower.startsWith("jdbc:h2:mem:") && !lower.contains("ifexists=");
        return h2File ? tuned + ";IFEXISTS=TRUE" : tuned;
    }

    /** The configured URL without any password in it, for messages. */
    public static String describe(Settings settings) {
        String url = settings.blankable("mirror.jdbc.url");
        if (url.isEmpty()) {
            return "(no URL)";
        }
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
