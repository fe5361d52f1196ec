package io.klinksync.cli;

import io.klinksync.api.Profile;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.contacts.ContactExport;
import io.klinksync.contacts.ContactsRuntime;
import io.klinksync.contacts.ImportLedger;
import io.klinksync.contacts.ImportReport;
import io.klinksync.contacts.ImportSettings;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import org.apache.camel.util.FileUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a sandbox on a free port, sync every stream into an embedded H2 mirror and into CSV files"
                + " (both under ./data/demo, emptied first), export contacts, import samples/contacts/demo-edits.csv"
                + " (an update, a create and an invalid row), and print a summary.")
public class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Settings base = config.load(Map.of("profile", "klink"));
        Path demo = Path.of("data", "demo");
        FileUtil.removeDir(demo.toFile());
        Files.createDirectories(demo);
        // A fresh token per demo: the sandbox accepts only it, and it is registered as a secret like a real one.
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ApiToken token = ApiToken.of(secret);
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
                .deployment(SandboxDeployments.of(Profile.from(base))).port(0).token(secret))) {
            out.println("Sandbox API for profile klink at " + sandbox.baseUrl());
            Settings settings = base.with(Map.of("api.base-url", sandbox.baseUrl(), "mirror.type", "jdbc",
                    "mirror.jdbc.url", "jdbc:sqlite:./" + demo.resolve("klink-mirror.sqlite"),
                    "mirror.csv.dir", demo.resolve("csv").toString()));

            List<SyncRun> database = SyncCommand.syncStreams(settings, token, List.of());
            out.println("1. Synced every stream into " + settings.get("mirror.jdbc.url") + ":");
            database.forEach(run -> out.println("     " + run));

            Settings csv = settings.with(Map.of("mirror.type", "csv"));
            List<SyncRun> files = SyncCommand.syncStreams(csv, token, List.of());
            out.println("2. Synced every stream into CSV files in " + csv.get("mirror.csv.dir") + ":");
            files.forEach(run -> out.println("     " + run));

            Path export = demo.resolve("contacts-export.csv");
            long exported = ExportCommand.exportContacts(settings, export, new ContactExport.Options(false, false, true));
            out.println("3. Exported " + exported + " contacts to " + export);

            Path edits = demo.resolve("demo-edits.csv");
            Files.copy(Path.of("samples", "contacts", "demo-edits.csv"), edits);
            ImportReport report;
            try (ContactsRuntime runtime = ContactsRuntime.open(settings, token)) {
                report = runtime.importer(ImportSettings.from(settings), new PrintStream(OutputStream.nullOutputStream()))
                        .run(edits, false, null);
            }
            ImportLedger.Counts counts = report.counts();
            out.println("4. Imported " + edits + ": " + counts.created() + " created, " + counts.updated() + " updated, "
                    + counts.unchanged() + " unchanged, " + (counts.invalid() + counts.failed()) + " failed"
                    + " (results: " + report.successFile() + ", " + report.errorsFile() + ")");

            boolean synced = database.stream().allMatch(r -> "success".equals(r.status()))
                    && files.stream().allMatch(r -> "success".equals(r.status()));
            // The sample's third row is invalid on purpose; the demo succeeds when exactly that row failed.
            boolean imported = counts.created() == 1 && counts.updated() == 1 && counts.invalid() + counts.failed() == 1;
            return synced && imported ? 0 : 1;
        }
    }
}
