package io.klinksync.cli;

import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.contacts.ContactsRuntime;
import io.klinksync.contacts.ImportConsole;
import io.klinksync.contacts.ImportReport;
import io.klinksync.contacts.ImportSettings;
import io.klinksync.contacts.ImportStoppedException;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a contacts CSV into the API: POST new contacts, PUT (or the profile's method) changed ones"
                + " with specific_update_fields naming exactly the changed fields; unchanged rows send nothing.",
                "CSV format: id,name,emails,phones,address,channel,notes,avatar_url,company,tags,cf_<field>...;"
                        + " several emails/phones/tags in one cell joined by csv.multi-value-separator (default |),"
                        + " the primary email/phone marked with a leading * (e.g. *a@x.com|b@x.com).",
                "Writes FILE.success.csv and FILE.errors.csv (or FILE.plan.csv with --dry-run). Running the same file"
                        + " again resumes an interrupted run without resending finished rows.",
                "Exit codes: 0 every row succeeded, 1 some rows were invalid or failed, 2 the import could not run"
                        + " (configuration, a refused token, an API that cannot be reached)."})
public class ImportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (UTF-8, with or without BOM; comma or semicolon).")
    Path file;

    @Option(names = "--dry-run", description = "Plan only: nothing is sent; the plan per row goes to the screen and FILE.plan.csv.")
    boolean dryRun;

    @Option(names = "--mode", paramLabel = "MODE", description = "upsert (default), create-only or update-only (setting import.mode).")
    String mode;

    @Option(names = "--blank", paramLabel = "POLICY", description = "Blank cells: keep (default), clear, or clear:COLUMN,COLUMN (setting import.blank).")
    String blank;

    @Option(names = "--mapping", paramLabel = "NAME", description = "Layout of the file: a mapping in config/mappings (google-contacts, outlook) or klink-sync; detected from the header when absent.")
    String mapping;

    @Option(names = "--show-unchanged", description = "With --dry-run, also print the rows that would stay unchanged (setting import.dry-run.show-unchanged).")
    boolean showUnchanged;

    @Option(names = "--labels", paramLabel = "POLICY", description = "Google Labels: tags (import them as tags) or ignore; default: the mapping's labels: (setting import.labels).")
    String labels;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at once (setting import.concurrency).")
    Integer concurrency;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout; the row lines and summary go to stderr (README: JSON output).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> values = new LinkedHashMap<>(mirrorOptions.values());
        if (mode != null) {
            values.put("import.mode", mode);
        }
        if (blank != null) {
            values.put("import.blank", blank);
        }
        if (showUnchanged) {
            values.put("import.dry-run.show-unchanged", "true");
        }
        if (labels != null) {
            values.put("import.labels", labels);
        }
        if (concurrency != null) {
            values.put("import.concurrency", String.valueOf(concurrency));
        }
        Settings settings = config.load(values);
        StopSignal.process().graceMillis(settings.getLong("shutdown.grace"));
        ImportSettings importSettings = ImportSettings.from(settings);
        try (ContactsRuntime runtime = ContactsRuntime.open(settings, ApiToken.fromEnvironment(System.getenv()))) {
            ImportConsole console = ImportConsole.command(json ? System.err : System.out, output.quiet(),
                    (int) importSettings.progressInterval().toMillis());
            console.bars().paceFrom(runtime.runtime().pace()::whenLimiting);
            ImportReport report = runtime.importer(importSettings, console).run(file, dryRun, mapping);
            int exit = report.interrupted() ? StopSignal.process().exitCode() : report.exitCode();
            if (json) {
                System.out.println(JsonResults.write(JsonResults.Import.of(file, report, exit)));
            }
            return exit;
        } catch (StopRequestedException e) { // before the import run started: nothing to mark
            System.err.println(e.getMessage());
            return StopSignal.process().exitCode();
        } catch (ImportStoppedException e) {
            throw new CannotProceedException(e.getMessage(), e);
        }
    }
}
