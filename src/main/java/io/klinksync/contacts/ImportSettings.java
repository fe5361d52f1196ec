package io.klinksync.contacts;

import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The import.* and csv.* settings in one place, read once from Settings (CLI options override them). */
public record ImportSettings(ImportPlanner.Mode mode, BlankPolicy blanks, List<String> matchKeys, int concurrency,
                             MultiValue multiValue, Duration mirrorMaxAge, int ledgerBatchSize, int ledgerFlushRows,
                             Duration ledgerFlushInterval, int fetchSize, Path mappingsDir, Duration progressInterval,
                             Path inboxDir, ContactPoints contactPoints, int cellDisplayLimit, boolean showUnchanged,
                             String labels) {

    public static ImportSettings from(Settings settings) {
        return from(key -> settings.has(key) ? settings.get(key) : null, settings.configDir());
    }

    /**
     * From any source of setting values (e.g. Camel's properties in the inbox route); null means not set. Every
     * key has its default in the shipped application.properties, which Settings layers under the user's file.
     */
    public static ImportSettings from(Function<String, String> values, Path configDir) {
        try {
            return new ImportSettings(
                    ImportPlanner.Mode.parse(value(values, "import.mode")),
                    BlankPolicy.parse(value(values, "import.blank")),
                    Arrays.stream(value(values, "import.match-keys").split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                    atLeastOne(values, "import.concurrency"),
                    new MultiValue(value(values, "csv.multi-value-separator")),
                    Duration.ofMillis(Long.parseLong(value(values, "import.mirror-max-age"))),
                    Integer.parseInt(value(values, "import.ledger.batch-size")),
                    atLeastOne(values, "import.ledger.flush-rows"),
                    Duration.ofMillis(Long.parseLong(value(values, "import.ledger.flush-interval"))),
                    Integer.parseInt(value(values, "export.fetch-size")),
                    configDir.resolve(value(values, "import.mappings.dir")),
                    Duration.ofMillis(Long.parseLong(value(values, "import.progress.interval"))),
                    Path.of(value(values, "import.inbox.dir")),
                    new ContactPoints(Integer.parseInt(value(values, "import.phone.min-digits")),
                            Integer.parseInt(value(values, "import.phone.max-digits"))),
                    atLeastOne(values, "import.cell-display-limit"),
                    Boolean.parseBoolean(value(values, "import.dry-run.show-unchanged")),
                    labels(blankable(values, "import.labels")));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("An import.* setting must be a whole number: " + e.getMessage() + ".");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static String labels(String value) {
        if (!value.isEmpty() && !value.equals("tags") && !value.equals("ignore")) {
            throw new ConfigurationException("Setting 'import.labels' is '" + value + "'; use tags, ignore, or leave it"
                    + " empty for the mapping's own choice.");
        }
        return value.isEmpty() ? null : value;
    }

    private static int atLeastOne(Function<String, String> values, String key) {
        int value = Integer.parseInt(value(values, key));
        if (value < 1) {
            throw new ConfigurationException("Setting '" + key + "' must be at least 1, not " + value + ".");
        }
        return value;
    }

    private static String value(Function<String, String> values, String key) {
        String value = values.apply(key);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("Setting '" + key + "' is not set. Set it in application.properties, or with "
                    + Settings.environmentName(key) + " or --set " + key + "=VALUE.");
        }
        return value.strip();
    }

    /** import.labels: empty means the mapping file's own choice. */
    private static String blankable(Function<String, String> values, String key) {
        String value = values.apply(key);
        return value == null ? "" : value.strip();
    }

    public ImportSettings withMode(ImportPlanner.Mode newMode) {
        return new ImportSettings(newMode, blanks, matchKeys, concurrency, multiValue, mirrorMaxAge, ledgerBatchSize,
                ledgerFlushRows, ledgerFlushInterval, fetchSize, mappingsDir, progressInterval, inboxDir, contactPoints, cellDisplayLimit, showUnchanged, labels);
    }

    public ImportSettings withBlanks(BlankPolicy newBlanks) {
        return new ImportSettings(mode, newBlanks, matchKeys, concurrency, multiValue, mirrorMaxAge, ledgerBatchSize,
                ledgerFlushRows, ledgerFlushInterval, fetchSize, mappingsDir, progressInterval, inboxDir, contactPoints, cellDisplayLimit, showUnchanged, labels);
    }
}
