package io.klinksync.cli;

import io.klinksync.api.Profile;
import io.klinksync.config.Settings;
import io.klinksync.status.MirrorProbe;
import io.klinksync.status.MirrorStatus;
import io.klinksync.status.RunChanges;
import io.klinksync.status.StatusReport;
import io.klinksync.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show, from the mirror alone (no token needed), the recent runs per stream, how fresh each"
                + " stream is against its cron, who holds its writer lock, and the recent imports. Exit 0, or 2 when"
                + " the mirror cannot be read.")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Option(names = "--stream", paramLabel = "NAME", description = "Only this stream (repeatable; default: every stream the profile offers or the mirror has runs of).")
    List<String> streams = new ArrayList<>();

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Option(names = "--changes", paramLabel = "RUN", description = "Instead, print what sync run RUN changed, record by"
            + " record (insert, update with the changed fields, delete), from the change log sync_changes.")
    Long changesOfRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = config.load(mirrorOptions.values());
        if (!"jdbc".equals(settings.get("mirror.type").toLowerCase(Locale.ROOT))) {
            throw new CannotProceedException("status reads a database mirror (mirror.type=jdbc); this one is a CSV folder,"
                    + " " + settings.get("mirror.csv.dir") + ", whose runs are in its sync_runs.csv.");
        }
        if (changesOfRun != null) {
            try {
                new RunChanges(settings).print(changesOfRun, spec.commandLine().getOut(), JsonResults.JSON, json);
            } catch (SQLException e) {
                throw new CannotProceedException("Cannot read the change log of " + MirrorProbe.describe(settings) + ": "
                        + e.getMessage() + ".", e);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
        Profile profile = Profile.from(settings);
        streams.forEach(profile::stream); // a stream the profile does not offer is refused by name
        StatusReport report;
        try {
            report = new MirrorStatus(settings, Clock.systemUTC())
                    .read(streams, settings.getInt("status.runs-per-stream"), settings.getInt("status.imports"));
        } catch (SQLException e) {
            throw new CannotProceedException("Cannot read the mirror " + MirrorProbe.describe(settings) + ": " + e.getMessage()
                    + " Check mirror.jdbc.url, mirror.jdbc.user and mirror.jdbc.password.", e);
        }
        spec.commandLine().getOut().print(json ? JsonResults.JSON.writeValueAsString(report) + System.lineSeparator() : StatusText.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
