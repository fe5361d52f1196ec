package io.klinksync.contacts;

import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The import.* and csv.* settings in one place, read once from Settings (CLI options override them). */
public record ImportSettings(ImportPlanner.Mode mode, BlankPolicy blanks, List<String> matchKeys, int concurrency,
                             MultiValue multiValue, Duration mirrorMaxAge, int ledgerBatchSize, int fetchSize,
                             Path mappingsDir, Duration progressInterval, Path inboxDir) {

    public static ImportSettings from(Settings settings) {
        try {
            int concurrency = settings.getInt("import.concurrency");
            if (concurrency < 1) {
                throw new ConfigurationException("Setting 'import.concurrency' must be at least 1, not " + concurrency + ".");
            }
            return new ImportSettings(
                    ImportPlanner.Mode.parse(settings.get("import.mode", "upsert")),
                    BlankPolicy.parse(settings.get("import.blank", "keep")),
                    Arrays.stream(settings.get("import.match-keys", "email,phone").split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList(),
                    concurrency,
                    new MultiValue(settings.get("csv.multi-value-separator", "|")),
                    Duration.ofMillis(settings.getLong("import.mirror-max-age")),
                    Integer.parseInt(settings.get("import.ledger.batch-size", "500")),
                    Integer.parseInt(settings.get("export.fetch-size", "500")),
                    settings.configDir().resolve(settings.get("import.mappings.dir", "mappings")),
                    Duration.ofMillis(Long.parseLong(settings.get("import.progress.interval", "500"))),
                    Path.of(settings.get("import.inbox.dir", "./data/inbox")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    public ImportSettings withMode(ImportPlanner.Mode newMode) {
        return new ImportSettings(newMode, blanks, matchKeys, concurrency, multiValue, mirrorMaxAge, ledgerBatchSize,
                fetchSize, mappingsDir, progressInterval, inboxDir);
    }

    public ImportSettings withBlanks(BlankPolicy newBlanks) {
        return new ImportSettings(mode, newBlanks, matchKeys, concurrency, multiValue, mirrorMaxAge, ledgerBatchSize,
                fetchSize, mappingsDir, progressInterval, inboxDir);
    }
}
