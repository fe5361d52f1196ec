package io.klinksync.mirror;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The three databases the mirror supports, told apart by JDBC URL; each gets its own migration folder. */
public enum MirrorVendor {
    H2("h2"),
    POSTGRESQL("postgresql"),
    MARIADB("mariadb");

    private final String folder;

    MirrorVendor(String folder) {
        this.folder = folder;
    }

    /** Name used for the Flyway folder db/migration/NAME and in messages. */
    public String folder() {
        return folder;
    }

    public static MirrorVendor fromUrl(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new MirrorException("Unsupported mirror database URL '" + MirrorDatabase.redact(url) + "'. Set mirror.jdbc.url to"
                + " jdbc:h2:..., jdbc:postgresql://host/db or jdbc:mariadb://host/db (jdbc:mysql: is accepted too).");
    }

    /**
     * The URL the pool really uses: the batching switches that make JDBC batches multi-row statements
     * (the write path depends on them for speed) and, for H2, VALUE usable as a column name.
     */
    public String tuneUrl(String url) {
        return switch (this) {
            case H2 -> containsIgnoreCase(url, "NON_KEYWORDS=") ? url : url + ";NON_KEYWORDS=VALUE";
            case POSTGRESQL -> withQueryParameter(url, "reWriteBatchedInserts", "true");
            case MARIADB -> {
                // The MariaDB driver only takes the mysql scheme when told to; speak its own scheme instead.
                String own = url.regionMatches(true, 0, "jdbc:mysql:", 0, 11) ? "jdbc:mariadb:" + url.substring(11) : url;
                yield withQueryParameter(withQueryParameter(own, "useBulkStmts", "true"), "useBulkStmtsForInserts", "true");
            }
        };
    }

    private static String withQueryParameter(String url, String name, String value) {
        if (containsIgnoreCase(url, name + "=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
