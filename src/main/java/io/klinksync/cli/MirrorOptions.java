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
        if (csvDir != null) {
            values.put("mirror.csv.dir", csvDir);
        }
        return values;
    }
}
