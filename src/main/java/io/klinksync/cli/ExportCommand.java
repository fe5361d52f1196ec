package io.klinksync.cli;

import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.contacts.ContactExport;
import io.klinksync.contacts.ContactsRuntime;
import io.klinksync.contacts.MirrorExport;
import io.klinksync.contacts.MultiValue;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.runtime.StopRequestedException;
import io.klinksync.runtime.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export contacts to CSV in the import format (see 'klink-sync import --help'): from the mirror's"
                + " contacts, or with --live from the API.",
                "Cells that a spreadsheet would run as a formula (starting with = + - @ tab CR) get a leading apostrophe;"
                        + " import removes exactly that apostrophe again.",
                "Exit codes: 0 exported, 2 the export could not run (configuration, a refused token, an API that"
                        + " cannot be reached)."})
public class ExportCommand implements Callable<Integer> {

    enum What { contacts }

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to export: ${COMPLETION-CANDIDATES}.")
    What what;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    Path out;

    @Option(names = "--live", description = "Read contacts from the API (page by page) instead of the mirror.")
    boolean live;

    @Option(names = "--excel", description = "Write a UTF-8 BOM and ';' between cells, as Excel expects.")
    boolean excel;

    @Option(names = "--no-formula-guard", description = "Do not neutralise formulas (setting export.formula-guard).")
    boolean noFormulaGuard;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout (README: JSON output).")
    boolean json;

    @Override
    public Integer call() {
        Settings settings = config.load(mirrorOptions.values());
        StopSignal.process().graceMillis(settings.getLong("shutdown.grace"));
        boolean guard = !noFormulaGuard && settings.getBoolean("export.formula-guard");
        ContactExport.Options options = new ContactExport.Options(live, excel, guard);
        long rows;
        try {
            rows = exportContacts(settings, out, options);
        } catch (StopRequestedException e) {
            System.err.println(e.getMessage() + " " + out + " was left as it was.");
            return StopSignal.process().exitCode();
        }
        String source = live ? "api" : "mirror";
        System.out.println(json ? JsonResults.write(new JsonResults.Export("export", 0, what.name(), out, rows, source))
                : "Exported " + rows + " contacts to " + out + (live ? " (live from the API)" : " (from the mirror)") + ".");
        return 0;
    }

    /** Writes the contacts CSV from the mirror, or from the API when options.live(); answers the rows written. */
    static long exportContacts(Settings settings, Path out, ContactExport.Options options) {
        if (options.live()) {
            ContactExport export = new ContactExport(new MultiValue(settings.get("csv.multi-value-separator")));
            try (ContactsRuntime runtime = ContactsRuntime.open(settings, ApiToken.fromEnvironment(System.getenv()))) {
                return export.live(runtime.api(), runtime.profile(), out, options);
            }
        }
        // routes/export.camel.yaml: the mirror read through camel-jdbc, mapped, marshalled by camel-csv, then the file.
        try (MirrorDatabase db = MirrorDatabase.open(settings)) {
            return MirrorExport.run(settings, db, out, options);
        }
    }
}
