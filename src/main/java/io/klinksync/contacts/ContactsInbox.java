package io.klinksync.contacts;

import io.klinksync.api.Profile;
import io.klinksync.mirror.JdbcMirrorWriter;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.sync.StreamSync;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The bean the import-inbox route (routes/import-inbox.camel.yaml) calls for each CSV dropped into
 * import.inbox.dir: imports it with the process's mirror, profile, contacts sync and direct:api, puts its
 * results files into done/ (every row succeeded) or failed/ (some rows failed, or the import could not
 * proceed), and tells the route, through an exchange property, where to move the CSV itself.
 */
public final class ContactsInbox {

    /** Exchange property the route's move= expression reads: done or failed. */
    public static final String TARGET = "klinkInboxTarget";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private static final Logger LOG = LoggerFactory.getLogger(ContactsInbox.class);

    public void importFile(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String target;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            try {
                ImportReport report = importer(exchange.getContext(), out).run(file, false, null);
                countRows(exchange.getContext(), report);
                target = report.exitCode() == ImportReport.EXIT_ALL_ROWS_OK ? DONE : FAILED;
                moveBeside(report.successFile(), target);
                moveBeside(report.errorsFile(), target);
            } catch (RuntimeException e) {
                target = FAILED;
                Path failure = file.resolveSibling(FAILED).resolve(file.getFileName() + ".failure.txt");
                Files.createDirectories(failure.getParent());
                Files.writeString(failure, e.getMessage() + System.lineSeparator(), StandardCharsets.UTF_8);
                LOG.error("Inbox import of {} could not proceed: {}", file.getFileName(), e.getMessage());
            }
        }
        LOG.info("Inbox import of {} -> {}/: {}", file.getFileName(), target,
                captured.toString(StandardCharsets.UTF_8).strip().replace(System.lineSeparator(), " | "));
        exchange.setProperty(TARGET, target);
    }

    /** klink_import_rows_total{outcome} for the dashboard: `run` imports only through the inbox. */
    private static void countRows(CamelContext context, ImportReport report) {
        MeterRegistry metrics = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (metrics != null && report.counts() != null) {
            ImportLedger.Counts c = report.counts();
            Map.of("created", c.created(), "updated", c.updated(), "unchanged", c.unchanged(), "invalid", c.invalid(),
                    "failed", c.failed()).forEach((outcome, rows) -> metrics.counter("klink_import_rows_total", "outcome", outcome).increment(rows));
        }
    }

    private static void moveBeside(Path result, String target) throws IOException {
        if (result != null && Files.exists(result)) {
            Path dir = result.resolveSibling(target);
            Files.createDirectories(dir);
            Files.move(result, dir.resolve(result.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Builds the import from what the running process already has bound: mirror, profile, stream sync. */
    private static ContactImport importer(CamelContext context, PrintStream out) {
        MirrorWriter writer = context.getRegistry().lookupByNameAndType("mirror", MirrorWriter.class);
        if (!(writer instanceof JdbcMirrorWriter jdbc)) {
            throw new ImportStoppedException("The import inbox needs the database mirror (mirror.type=jdbc): the import"
                    + " ledger and the existing contacts live there.");
        }
        MirrorDatabase db = jdbc.database();
        Profile profile = context.getRegistry().lookupByNameAndType("profile", Profile.class);
        StreamSync streamSync = context.getRegistry().lookupByNameAndType("streamSync", StreamSync.class);
        ImportSettings settings = ImportSettings.from(
                key -> context.getPropertiesComponent().resolveProperty(key).orElse(null),
                Path.of(context.getPropertiesComponent().resolveProperty("klink.config.dir").orElse("config")));
        MirrorContacts mirror = new MirrorContacts(db.dataSource(), db.vendor());
        ContactsSyncHook sync = streamSync == null ? null : new ContactsSync(streamSync, profile);
        return new ContactImport(settings, mirror, new ImportLedger(db.dataSource(), db.vendor()),
                new ApiSender(context.createProducerTemplate()), profile, sync, ImportConsole.plain(out));
    }
}
