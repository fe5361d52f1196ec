package io.klinksync.mirror;

import io.klinksync.config.Settings;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MirrorDatabaseTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void openingMigratesTheSchemaForTheVendor(String vendorName) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendorName);
             MirrorDatabase mirror = MirrorDatabase.open(db.url(), db.user(), db.password(), 2)) {
            assertThat(mirror.vendor().folder()).isEqualTo(vendorName);
            List<String> tables = new ArrayList<>();
            try (Connection c = mirror.dataSource().getConnection();
                 ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            assertThat(tables).contains("conversations", "chat_groups", "group_members", "contacts", "contact_emails",
                    "contact_phones", "contact_tags", "contact_custom_field_values", "companies", "contact_groups",
                    "contact_fields", "contact_field_options", "sync_runs", "sync_seen");
        }
    }

    /**
     * SQLite's pool connections: WAL (readers beside the writer), synchronous=FULL (a commit is on disk when it
     * returns, which the import ledger's 'sending' mark relies on) and a busy timeout (a writer waits for the lock).
     */
    @Test
    void sqliteConnectionsAreWalAndCommitToDisk() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite(); MirrorDatabase mirror = MirrorDatabase.open(db.url(), "", "", 2);
             Connection c = mirror.dataSource().getConnection(); var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("2 is FULL").isEqualTo(2);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
    }

    /**
     * A sync's page writes need not be on disk when they commit: the run's completing commit, at FULL, puts them
     * there, as on PostgreSQL. So on SQLite they commit at synchronous=NORMAL, on the writer's connection of its
     * own (GroupCommit), and the pool's connections stay at FULL for every other commit (the import ledger's).
     */
    @Test
    void sqlitePageWritesSkipTheDiskWaitAndThePoolsConnectionsDoNot() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite(); MirrorDatabase mirror = MirrorDatabase.open(db.url(), "", "", 1)) {
            MirrorTransactions transactions = new MirrorTransactions(mirror);
            assertThat(transactions.withoutCommitWait("read synchronous", MirrorDatabaseTest::synchronous))
                    .as("1 is NORMAL").isEqualTo(1);
            assertThat(transactions.inTransaction("read synchronous", MirrorDatabaseTest::synchronous))
                    .as("2 is FULL").isEqualTo(2);
            try (Connection c = mirror.dataSource().getConnection()) {
                assertThat(synchronous(c)).as("the pool's only connection, back at FULL").isEqualTo(2);
            }
        }
    }

    private static int synchronous(Connection c) throws java.sql.SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @Test
    void openingFromSettingsCreatesTheFolderOfAnH2File(@TempDir Path dir) {
        Path file = dir.resolve("nested/folder/mirror");
        Settings settings = Settings.load(Path.of("config"), Map.of(), Map.of("mirror.jdbc.url", "jdbc:h2:file:" + file));
        try (MirrorDatabase mirror = MirrorDatabase.open(settings)) {
            assertThat(mirror.vendor()).isEqualTo(MirrorVendor.H2);
        }
        assertThat(Files.isDirectory(file.getParent())).isTrue();
    }

    @Test
    void urlsPickTheVendorAndGetBatchRewriting() {
        assertThat(MirrorVendor.fromUrl("jdbc:mysql://db/x")).isEqualTo(MirrorVendor.MARIADB);
        assertThat(MirrorVendor.POSTGRESQL.tuneUrl("jdbc:postgresql://db/x?currentSchema=s"))
                .isEqualTo("jdbc:postgresql://db/x?currentSchema=s&reWriteBatchedInserts=true");
        assertThat(MirrorVendor.MARIADB.tuneUrl("jdbc:mysql://db/x")).startsWith("jdbc:mariadb://db/x?useBulkStmts=true");
        assertThatThrownBy(() -> MirrorVendor.fromUrl("jdbc:oracle:thin:@h:1521/x?password=secret"))
                .hasMessageContaining("jdbc:oracle").hasMessageNotContaining("secret");
    }

    @Test
    void connectionErrorsNameTheUrlButNotThePassword() {
        assertThatThrownBy(() -> MirrorDatabase.open("jdbc:postgresql://127.0.0.1:1/nowhere?password=hunter2", "u", "hunter2", 1))
                .isInstanceOf(MirrorException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageNotContaining("hunter2");
    }
}
