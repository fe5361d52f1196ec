package io.klinksync.mirror;

import io.klinksync.config.Settings;
import io.klinksync.streams.StreamDeclarations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** Opens the mirror that mirror.type names. */
public final class Mirrors {

    private Mirrors() {
    }

    /**
     * jdbc: the database at mirror.jdbc.url, migrated; csv: the folder mirror.csv.dir. The caller closes it. The
     * streams it writes are those declared in the settings' config folder (config/streams/).
     */
    public static MirrorWriter open(Settings settings) {
        StreamTables.use(StreamDeclarations.of(settings));
        String type = settings.get("mirror.type").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "jdbc" -> {
                DeleteMode deleteMode = DeleteMode.parse(settings.get("sync.delete-mode"));
                yield new JdbcMirrorWriter(MirrorDatabase.open(settings), deleteMode, ReportingSettings.from(settings),
                        Clock.systemUTC(), true);
            }
            case "csv" -> new CsvMirrorWriter(Path.of(settings.get("mirror.csv.dir")));
            default -> throw new MirrorException("Setting 'mirror.type' is '" + type + "'; use jdbc (a database at"
                    + " mirror.jdbc.url) or csv (table files in mirror.csv.dir).");
        };
    }
}
