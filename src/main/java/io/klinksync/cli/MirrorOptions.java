package io.klinksync.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the mirror lives, for commands that read or write it; each option overrides one mirror.* setting. */
public class MirrorOptions {

    enum MirrorType { jdbc, csv }

    @Option(names = "--mirror", paramLabel = "TYPE", description = "Mirror type: ${COMPLETION-CANDIDATES} (setting mirror.type).")
    MirrorType type;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "JDBC URL of the mirror database (setting mirror.jdbc.url).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user of the mirror (setting mirror.jdbc.user; default sa for H2, the driver's default elsewhere).")
    String jdbcUser;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE", description = "File holding the mirror database's password (setting mirror.jdbc.password-file);"
            + " or set KLINK_MIRROR_JDBC_PASSWORD. Never given on the command line itself.")
    String jdbcPasswordFile;

    @Option(names = "--csv-dir", paramLabel = "DIR", description = "Folder of the CSV mirror (setting mirror.csv.dir).")
    String csvDir;

    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        if (type != null) {
            values.put("mirror.type", type.name());
        }
        if (jdbcUrl != null) {
            values.put("mirror.jdbc.url", jdbcUrl);
        }
        if (jdbcUser != null) {
            values.put("mirror.jdbc.user", jdbcUser);
        }
        if (jdbcPasswordFile != null) {
            values.put("mirror.jdbc.password-file", jdbcPasswordFile);
        }
        if (csvDir != null) {
            values.put("mirror.csv.dir", csvDir);
        }
        return values;
    }
}
