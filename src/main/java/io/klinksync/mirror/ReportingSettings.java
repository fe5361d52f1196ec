package io.klinksync.mirror;

import io.klinksync.config.Settings;

/**
 * What the relational mirror keeps beyond the latest state: versions of every record (mirror.history) and the
 * per-run change log (mirror.changes, pruned to mirror.changes.keep-days at the end of a pass).
 */
public record ReportingSettings(boolean history, boolean changes, int changesKeepDays) {

    /** The shipped defaults of config/application.properties, for writers built without settings (tests, tools). */
    public static final ReportingSettings DEFAULTS = new ReportingSettings(true, true, 30);

    public static ReportingSettings from(Settings settings) {
        int keepDays = settings.has("mirror.changes.keep-days") ? settings.getInt("mirror.changes.keep-days")
                : DEFAULTS.changesKeepDays();
        if (keepDays < 0) {
            throw new MirrorException("Setting 'mirror.changes.keep-days' is " + keepDays + "; use 0 or more days"
                    + " (0 keeps only the change rows of the pass that just ended).");
        }
        return new ReportingSettings(
                settings.has("mirror.history") ? settings.getBoolean("mirror.history") : DEFAULTS.history(),
                settings.has("mirror.changes") ? settings.getBoolean("mirror.changes") : DEFAULTS.changes(),
                keepDays);
    }
}
