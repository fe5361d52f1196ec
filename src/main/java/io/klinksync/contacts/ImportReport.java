package io.klinksync.contacts;

import java.nio.file.Path;

/**
 * What an import (or dry run) did, and the exit code it means: 0 all rows fine, 1 some rows invalid or failed,
 * or not sent because the run was interrupted (the command line then exits with the stop's own code).
 */
public record ImportReport(Long runId, boolean dryRun, boolean interrupted, ImportLedger.Counts counts, Path planFile,
                           Path successFile, Path errorsFile) {

    public static final int EXIT_ALL_ROWS_OK = 0;
    public static final int EXIT_SOME_ROWS_FAILED = 1;

    public int exitCode() {
        return !interrupted && counts.invalid() + counts.failed() == 0 ? EXIT_ALL_ROWS_OK : EXIT_SOME_ROWS_FAILED;
    }

    public String summary() {
        return (dryRun ? "Dry run (nothing sent): " : "Import run " + runId + (interrupted ? " interrupted" : "") + ": ")
                + counts.total() + " rows, "
                + counts.created() + (dryRun ? " to create, " : " created, ") + counts.updated()
                + (dryRun ? " to update, " : " updated, ") + counts.unchanged() + " unchanged, " + counts.invalid()
                + " invalid" + (dryRun ? "" : ", " + counts.failed() + " failed")
                + (interrupted ? ", " + counts.pending() + " not sent yet" : "");
    }
}
