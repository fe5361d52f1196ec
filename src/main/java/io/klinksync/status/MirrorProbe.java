package io.klinksync.status;

import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorLogin;
import io.klinksync.mirror.MirrorVendor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A plain connection to the mirror database for reading it as it is: no pool, no migration, and an H2 or SQLite
 * file that does not exist is not created (a status or a check must not leave an empty mirror behind). A SQLite
 * file is opened read-only.
 */
public final class MirrorProbe {

    private MirrorProbe() {
    }

    public static Connection connect(Settings settings) throws SQLException {
        String url = settings.get("mirror.jdbc.url");
        MirrorVendor vendor = MirrorVendor.fromUrl(url);
        MirrorLogin login = MirrorLogin.from(settings);
        if (vendor == MirrorVendor.SQLITE) {
            // SQLite creates a file that does not exist, even read-only in some modes: look first, as H2's IFEXISTS does.
            Path file = MirrorVendor.sqliteFile(url);
            if (!Files.isRegularFile(file)) {
                throw new SQLException("there is no mirror at " + file + " yet (no such SQLite file); klink-sync sync"
                        + " (or run, or import) creates it");
            }
        }
        return DriverManager.getConnection(url(vendor, url), login.user(), login.password());
    }

    /**
     * The URL the mirror's own pool would use, with H2's IFEXISTS for file databases; a SQLite file is opened
     * read-only (open_mode=1, SQLITE_OPEN_READONLY: never created, never written), in WAL mode so that it reads
     * beside a writer, waiting for the locks as the pool's connections do.
     */
    public static String url(MirrorVendor vendor, String url) {
        if (vendor == MirrorVendor.SQLITE) {
            return sqliteReadOnly(url);
        }
        String tuned = vendor.tuneUrl(url);
        String lower = tuned.toLowerCase(Locale.ROOT);
        boolean h2File = vendor == MirrorVendor.H2 && !lower.startsWith("jdbc:h2:mem:") && !lower.contains("ifexists=");
        return h2File ? tuned + ";IFEXISTS=TRUE" : tuned;
    }

    /**
     * The pool's URL less what writes: no journal_mode (setting WAL writes the file; the mirror's writer has set
     * it), no transaction_mode=IMMEDIATE (which takes the write lock), and open_mode=1.
     */
    private static String sqliteReadOnly(String url) {
        String tuned = MirrorVendor.SQLITE.tuneUrl(url);
        int query = tuned.indexOf('?');
        StringBuilder kept = new StringBuilder(tuned.substring(0, query < 0 ? tuned.length() : query));
        char separator = '?';
        if (query >= 0) {
            for (String parameter : tuned.substring(query + 1).split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!parameter.isEmpty() && !name.equals("journal_mode") && !name.equals("transaction_mode")
                        && !name.equals("open_mode")) {
                    kept.append(separator).append(parameter);
                    separator = '&';
                }
            }
        }
        return kept.append(separator).append("open_mode=1").toString();
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
