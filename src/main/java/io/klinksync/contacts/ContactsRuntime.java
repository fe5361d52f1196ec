package io.klinksync.contacts;

import io.klinksync.api.Profile;
import io.klinksync.config.ApiToken;
import io.klinksync.config.ConfigurationException;
import io.klinksync.config.Settings;
import io.klinksync.console.Status;
import io.klinksync.sync.SyncProgress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.klinksync.mirror.DeleteMode;
import io.klinksync.mirror.JdbcMirrorWriter;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.ReportingSettings;
import io.klinksync.runtime.KlinkRuntime;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Everything import and export need, opened once from Settings: the database mirror (which also holds the
 * import ledger), the Camel runtime with direct:api, and the contacts sync used to refresh the mirror.
 */
public final class ContactsRuntime implements AutoCloseable {

    private final Settings settings;
    private final JdbcMirrorWriter mirrorWriter;
    private final KlinkRuntime runtime;
    private final MirrorContacts mirror;
    private final ImportLedger ledger;
    private final ApiSender api;

    private ContactsRuntime(Settings settings, JdbcMirrorWriter mirrorWriter, KlinkRuntime runtime) {
        this.settings = settings;
        this.mirrorWriter = mirrorWriter;
        this.runtime = runtime;
        MirrorDatabase db = mirrorWriter.database();
        this.mirror = new MirrorContacts(db.dataSource(), db.vendor());
        this.ledger = new ImportLedger(db.dataSource(), db.vendor());
        this.api = new ApiSender(runtime.context().createProducerTemplate());
    }

    /** Opens the mirror and starts Camel; the caller closes both through this object. */
    public static ContactsRuntime open(Settings settings, ApiToken token) {
        if (!"jdbc".equals(settings.get("mirror.type").toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException("Contacts import and export need the database mirror (mirror.type=jdbc):"
                    + " the import ledger and the existing contacts live there. Set mirror.type=jdbc"
                    + " (an H2 file is enough).");
        }
        JdbcMirrorWriter writer;
        try (Status status = Status.show("Opening the mirror, migrating it where needed")) {
            writer = new JdbcMirrorWriter(MirrorDatabase.open(settings),
                    DeleteMode.parse(settings.get("sync.delete-mode")), ReportingSettings.from(settings));
        }
        try (Status status = Status.show("Starting Camel and the routes")) {
            // The contacts sync an import may need first shows a bar per stream on a terminal; its results are logged.
            return new ContactsRuntime(settings, writer, KlinkRuntime.start(settings, token, writer,
                    SyncProgress.onTerminal(), new SimpleMeterRegistry()));
        } catch (Exception e) {
            writer.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("Cannot start Camel: " + e.getMessage(), e);
        }
    }

    /** Runs contact_fields then contacts once into the mirror; throws when either does not succeed. */
    public void syncContacts() {
        contactsSync().syncContacts();
    }

    private ContactsSync contactsSync() {
        return new ContactsSync(runtime.streamSync(), profile());
    }

    /** An import that prints everything to out and draws no bars (the demo, tests). */
    public ContactImport importer(ImportSettings importSettings, PrintStream out) {
        return importer(importSettings, ImportConsole.plain(out));
    }

    public ContactImport importer(ImportSettings importSettings, ImportConsole console) {
        return new ContactImport(importSettings, mirror, ledger, api, profile(), contactsSync(), console);
    }

    public Profile profile() {
        return runtime.profile();
    }

    public MirrorContacts mirror() {
        return mirror;
    }

    /** The mirror database, which `export contacts` reads through its route (MirrorExport). */
    public MirrorDatabase database() {
        return mirrorWriter.database();
    }

    public ImportLedger ledger() {
        return ledger;
    }

    public ApiSender api() {
        return api;
    }

    public Settings settings() {
        return settings;
    }

    public KlinkRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            mirrorWriter.close();
        }
    }
}
