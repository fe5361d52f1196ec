package io.klinksync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.klinksync.contacts.ImportReport;
import io.klinksync.mirror.SyncRun;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The one JSON document `--json` prints on stdout for sync, import, export and status (README: "JSON output").
 * Field names are snake_case and stable: new fields may be added, none renamed or removed.
 */
public final class JsonResults {

    /** snake_case keys, ISO-8601 times, paths as strings. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Path.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonResults() {
    }

    public record Sync(String command, int exitCode, List<Stream> streams) {
        static Sync of(List<SyncRun> runs, int exitCode) {
            return new Sync("sync", exitCode, runs.stream().map(Stream::of).toList());
        }
    }

    public record Stream(String stream, long runId, String status, long pages, long records, long inserted,
                         long updated, long unchanged, long deleted, long deletePending, long rejected, String error) {
        static Stream of(SyncRun run) {
            return new Stream(run.stream(), run.id(), run.status(), run.pages.get(), run.seen.get(), run.inserted.get(),
                    run.updated.get(), run.unchanged.get(), run.deleted.get(), run.deletePending.get(), run.rejected.get(),
                    run.error());
        }
    }

    public record Import(String command, int exitCode, Long runId, Path file, boolean dryRun, boolean interrupted,
                         long rows, long created, long updated, long unchanged, long invalid, long failed,
                         long notSentYet, Path successFile, Path errorsFile, Path planFile) {
        static Import of(Path file, ImportReport report, int exitCode) {
            var c = report.counts();
            return new Import("import", exitCode, report.runId(), file, report.dryRun(), report.interrupted(), c.total(),
                    c.created(), c.updated(), c.unchanged(), c.invalid(), c.failed(), c.pending(), report.successFile(),
                    report.errorsFile(), report.planFile());
        }
    }

    public record Export(String command, int exitCode, String what, Path file, long rows, String source) {
    }

    /** What a command that could not run prints under --json, beside its one line on stderr. */
    public record Failure(String command, int exitCode, String error) {
    }

    public static String write(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
