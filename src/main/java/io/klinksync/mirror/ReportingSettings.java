package io.klinksync.mirror;

import io.klinksync.config.Settings;

/**
 * What the relational mirror keeps beyond the latest state: versions of every record (mirror.history) and the
 * per-run change log (mirror.changes, pruned to mirror.changes.keep-days at the end of a pass).
 */
public record ReportingSettings(boolean history, boolean changes, int changesKeepDays) {

    public static ReportingSettings from(Settings settings) {
        int keepDays = settings.getInt("mirror.changes.keep-days");
        if (keepDays < 0) {
            throw new MirrorException("Setting 'mirror.changes.keep-days' is " + keepDays + "; use 0 or more days"
                    + " (0 keeps only the change rows of the pass that just ended).");
        }
        return new ReportingSettings(
                settings.getBoolean("mirror.history"),
                settings.getBoolean("mirror.changes"),
                keepDays);
    }
}
