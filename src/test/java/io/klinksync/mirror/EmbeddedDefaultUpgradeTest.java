package io.klinksync.mirror;

import io.klinksync.config.Settings;
import io.klinksync.testing.KlinkProcess;
import io.klinksync.testing.MirrorTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user of the release whose default mirror was data/klink-mirror.mv.db (H2) starts this build, whose default is
 * data/klink-mirror.sqlite: the first command carries the H2 mirror over and renames the H2 file; later ones
 * find the SQLite mirror and do nothing. Each runs as a user would, in a folder of its own with the shipped
 * mirror.jdbc.url (a relative ./data path) untouched.
 */
class EmbeddedDefaultUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void theShippedDefaultIsTheSqliteFileTheUpgradeLooksFor() {
        Settings settings = Settings.load(Path.of("config"), Map.of(), Map.of());
        String shipped = settings.shippedDefault("mirror.jdbc.url");
        assertThat(MirrorVendor.fromUrl(shipped)).isEqualTo(MirrorVendor.SQLITE);
        assertThat(SqliteFiles.database(shipped).getParent().getFileName().toString()).isEqualTo("data");
        // An H2 URL set explicitly is the user's choice: it stays H2, whatever the shipped value.
        Settings explicitH2 = Settings.load(Path.of("config"), Map.of(),
                Map.of("mirror.jdbc.url", "jdbc:h2:file:./data/klink-mirror;NON_KEYWORDS=VALUE"));
        assertThat(explicitH2.get("mirror.jdbc.url")).isNotEqualTo(explicitH2.shippedDefault("mirror.jdbc.url"));
    }

    @Test
    void theOldDefaultH2MirrorIsCarriedOverOnFirstUseAndOnlyThen() throws Exception {
        Path data = dir.resolve("data");
        long contacts = oldDefaultH2Mirror(data);
        Path h2 = data.resolve("klink-mirror.mv.db");

        Run first = export("first");

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("Copied the H2 mirror " + h2 + " into the new default SQLite mirror "
                + data.resolve("klink-mirror.sqlite")).contains("kept as klink-mirror.mv.db.copied-to-sqlite")
                .contains("Exported " + contacts + " contacts");
        assertThat(first.output().lines().filter(l -> l.contains("H2 mirror"))).hasSize(1);
        Path kept = data.resolve("klink-mirror.mv.db.copied-to-sqlite");
        assertThat(h2).doesNotExist();
        assertThat(kept).exists();
        Files.copy(kept, dir.resolve("kept.mv.db")); // still the H2 mirror: H2 opens it under an .mv.db name
        MirrorTables keptH2 = MirrorTables.open("jdbc:h2:file:" + dir.resolve("kept") + ";IFEXISTS=TRUE", "sa", "");
        try {
            assertThat(keptH2.count("SELECT COUNT(*) FROM contacts")).isEqualTo(contacts);
        } finally {
            keptH2.close();
        }
        assertThat(files(data)).contains("klink-mirror.sqlite", "klink-mirror.mv.db.copied-to-sqlite")
                .noneMatch(name -> name.contains(".copying") || name.contains("upgrade"));
        MirrorTables sqlite = MirrorTables.open("jdbc:sqlite:" + data.resolve("klink-mirror.sqlite"), "", "");
        try {
            assertThat(sqlite.count("SELECT COUNT(*) FROM contacts")).isEqualTo(contacts);
            assertThat(sqlite.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'success'")).isEqualTo(1);
            assertThat(sqlite.count("SELECT COUNT(*) FROM contacts_history")).isEqualTo(contacts);
        } finally {
            sqlite.close();
        }
        FileTime keptAt = Files.getLastModifiedTime(kept);

        Run second = export("second");

        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("H2 mirror").contains("Exported " + contacts + " contacts");
        assertThat(h2).doesNotExist();
        assertThat(Files.getLastModifiedTime(kept)).isEqualTo(keptAt);
    }

    @Test
    void aCopyThatFailsPartWayLeavesNoSqliteFileAndTheH2FileAsItWas() throws Exception {
        Path data = dir.resolve("data");
        oldDefaultH2Mirror(data);
        // A row SQLite's contacts table refuses (raw_json is NOT NULL there), after the tables that sort before it.
        try (Connection c = DriverManager.getConnection(EmbeddedDefaultUpgrade.oldH2Url(data.resolve("klink-mirror.sqlite")), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("ALTER TABLE contacts ALTER COLUMN raw_json SET NULL");
            s.execute("UPDATE contacts SET raw_json = NULL WHERE id = (SELECT MIN(id) FROM contacts)");
        }
        Path h2 = data.resolve("klink-mirror.mv.db");

        for (String attempt : new String[]{"first", "second"}) {
            Run run = export(attempt);

            assertThat(run.exit()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains("Could not carry the H2 mirror " + h2)
                    .contains("No SQLite file was left; the H2 file is unchanged")
                    .contains("table contacts").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(h2).exists();
            assertThat(files(data)).noneMatch(name -> name.startsWith("klink-mirror.sqlite")
                    && !name.endsWith(".klink-upgrade.lock"));
        }
    }

    /** The old default: an H2 file at FOLDER/klink-mirror.mv.db with the documented contacts in it; their count. */
    private static long oldDefaultH2Mirror(Path data) {
        String url = EmbeddedDefaultUpgrade.oldH2Url(data.resolve("klink-mirror.sqlite"));
        try (MirrorDatabase h2 = MirrorDatabase.open(url, "sa", "", 2);
             JdbcMirrorWriter writer = new JdbcMirrorWriter(h2, DeleteMode.SOFT, MirrorFixture.REPORTING)) {
            SyncRun run = writer.begin("contacts", "klink");
            writer.write(run, MirrorFixture.records("contacts"));
            assertThat(MirrorFixture.completeConfirmed(writer, run).status()).isEqualTo("success");
        }
        return MirrorFixture.records("contacts").size();
    }

    private record Run(int exit, String output) {
    }

    /** `klink-sync export contacts` in the folder, with the shipped configuration. */
    private Run export(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        KlinkProcess process = KlinkProcess.startIn(dir, Map.of("KLINK_CONFIG", Path.of("config").toAbsolutePath().toString()),
                log, "export", "contacts", "--out", dir.resolve(name + ".csv").toString());
        OptionalInt exit = process.waitFor(Duration.ofMinutes(2));
        if (exit.isEmpty()) {
            process.kill();
            throw new AssertionError("export did not end: " + process.output());
        }
        return new Run(exit.getAsInt(), process.output());
    }

    private static java.util.List<String> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
