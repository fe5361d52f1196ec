package io.klinksync.cli;

import io.klinksync.api.Profile;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.Mirrors;
import io.klinksync.mirror.StreamBusyException;
import io.klinksync.mirror.SyncRun;
import io.klinksync.runtime.KlinkRuntime;
import io.klinksync.runtime.StopSignal;
import io.klinksync.console.Status;
import io.klinksync.sync.RunResults;
import io.klinksync.sync.SyncProgress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync streams once into the mirror and exit: 0 when every stream completed, 1 when one failed"
                + " or was incomplete, 2 when the sync could not run (configuration, a refused token, an API that cannot"
                + " be reached); then no further stream is tried.")
public class SyncCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--stream", paramLabel = "NAME", description = "Stream to sync (repeatable; default: every stream the profile offers):"
            + " one declared in config/streams/NAME.stream.yaml that the profile gives a path.")
    List<String> streams = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as one JSON document on stdout (README: JSON output).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = config.load(mirrorOptions.values());
        StopSignal.process().graceMillis(settings.getLong("shutdown.grace"));
        streams.forEach(Profile.from(settings)::stream); // an unoffered stream is refused before the token is asked for
        // One result line per stream, on stdout as each ends; --quiet prints one summary line instead, --json one document.
        long started = System.nanoTime();
        RunResults results = output.quiet() || json ? RunResults.NONE : RunResults.printTo(spec.commandLine().getOut());
        List<SyncRun> runs = syncStreams(settings, ApiToken.fromEnvironment(System.getenv()), streams,
                SyncProgress.onTerminal(results, settings.getInt("sync.progress.interval")));
        if (output.quiet() && !json) {
            spec.commandLine().getOut().println(summary(runs, System.nanoTime() - started));
            spec.commandLine().getOut().flush();
        }
        int exit = exitCode(runs);
        if (json) {
            spec.commandLine().getOut().println(JsonResults.write(JsonResults.Sync.of(runs, exit)));
        }
        return exit;
    }

    private int exitCode(List<SyncRun> runs) {
        List<SyncRun> failed = runs.stream().filter(r -> !"success".equals(r.status())).toList();
        if (!failed.isEmpty()) {
            SyncRun first = failed.get(0);
            spec.commandLine().getErr().println("sync: stream " + first.stream() + " " + first.status() + ": " + first.error());
            return 1;
        }
        // Records the mirror could not store are failed records too, though their runs completed.
        List<SyncRun> rejecting = runs.stream().filter(r -> r.rejected.get() > 0).toList();
        if (!rejecting.isEmpty()) {
            rejecting.forEach(r -> spec.commandLine().getErr().println("sync: stream " + r.stream() + ": " + r.rejected.get()
                    + " records could not be stored; the reasons are in sync_rejects (run_id " + r.id() + ")"));
            return 1;
        }
        return 0;
    }

    /**
     * Syncs the named streams (all the profile offers when none are named) and answers their runs. An API that
     * refuses the token or cannot be reached stops the loop: StreamSync throws ApiUnavailableException after
     * recording the run, and the command exits 2 with its message (OneLineErrors).
     */
    public static List<SyncRun> syncStreams(Settings settings, ApiToken token, List<String> names) throws Exception {
        return syncStreams(settings, token, names, SyncProgress.onTerminal());
    }

    /** As above, showing the streams through the given progress (bars, and where each result line goes). */
    public static List<SyncRun> syncStreams(Settings settings, ApiToken token, List<String> names, SyncProgress progress)
            throws Exception {
        Profile profile = Profile.from(settings);
        List<String> chosen = names.isEmpty() ? List.copyOf(profile.streams().keySet()) : names;
        chosen.forEach(profile::stream); // refuses unknown or unoffered streams before anything starts
        List<SyncRun> runs = new ArrayList<>();
        try (MirrorWriter mirror = opened(settings);
             KlinkRuntime runtime = started(settings, token, mirror, progress)) {
            progress.bars().paceFrom(runtime.pace()::whenLimiting);
            for (String stream : chosen) {
                if (StopSignal.process().requested()) {
                    break; // no further stream starts after a stop; the process exits with the signal's code
                }
                try {
                    runs.add(runtime.streamSync().run(stream));
                } catch (StreamBusyException busy) {
                    throw new CannotProceedException(busy.getMessage(), busy);
                }
            }
        }
        return runs;
    }

    /** Opening a database mirror runs its migrations, which take seconds the first time. */
    private static MirrorWriter opened(Settings settings) {
        try (Status status = Status.show("Opening the mirror, migrating it where needed")) {
            return Mirrors.open(settings);
        }
    }

    private static KlinkRuntime started(Settings settings, ApiToken token, MirrorWriter mirror, SyncProgress progress)
            throws Exception {
        try (Status status = Status.show("Starting Camel and the routes")) {
            return KlinkRuntime.start(settings, token, mirror, progress, new SimpleMeterRegistry());
        }
    }

    /** The one line --quiet prints: how many streams ended how, and the records they saw. */
    static String summary(List<SyncRun> runs, long nanos) {
        Map<String, Long> byStatus = runs.stream().collect(Collectors.groupingBy(SyncRun::status, LinkedHashMap::new,
                Collectors.counting()));
        String statuses = byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        long records = runs.stream().mapToLong(r -> r.seen.get()).sum();
        return String.format(Locale.ROOT, "Synced %d streams (%s), %d records in %.1f s", runs.size(),
                statuses.isEmpty() ? "none ran" : statuses, records, nanos / 1e9);
    }
}
