package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mirror made by release 0 (its per-vendor V1..V11 as that release shipped them, frozen in the archive
 * src/test/resources/mirror/release-0.zip, VENDOR/V*.sql: an artifact of the past, never edited) opens in
 * this build with every row kept, works, and ends with the very tables a new mirror gets.
 */
class SchemaUpgradeTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aReleaseZeroMirrorUpgradesInPlaceKeepingItsRows(String vendor) throws Exception {
        assumeReleaseZeroHad(vendor);
        try (TestDatabase db = TestDatabase.create(vendor)) {
            releaseZero(db);
            try (MirrorDatabase mirror = MirrorDatabase.open(db.url(), db.user(), db.password(), 2);
                 Connection c = mirror.dataSource().getConnection()) {
                assertThat(StreamSchema.tableNames(c)).doesNotContainKey(MirrorSchema.RELEASE_ZERO_HISTORY)
                        .containsKey(MirrorSchema.HISTORY);
                assertThat(rows(c, "SELECT id, name FROM contacts ORDER BY id")).containsExactly("old-1|Aria ", "old-2|Bo");
                assertThat(rows(c, "SELECT contact_id, email, email_key FROM contact_emails"))
                        .containsExactly("old-1|Aria@Example.com|aria@example.com");
                assertThat(rows(c, "SELECT id, stream, status FROM sync_runs")).containsExactly("1|contacts|success");
                assertThat(rows(c, "SELECT id, file_name, status FROM import_runs")).containsExactly("1|old.csv|success");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT synced_at FROM contacts WHERE id = 'old-1'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(mirror.vendor().readInstant(rs, "synced_at")).isEqualTo(T0);
                }

                // A new run writes beside the old rows; an email longer than release 0's history column reaches history.
                String longEmail = "x".repeat(290) + "@example.com";
                try (JdbcMirrorWriter writer = new JdbcMirrorWriter(mirror, DeleteMode.SOFT, MirrorFixture.REPORTING)) {
                    SyncRun run = writer.begin("contacts", "upgrade-test");
                    writer.write(run, List.of(contact("new-1", "Cy", longEmail)));
                    writer.complete(run, List.of());
                }
                assertThat(rows(c, "SELECT id, status FROM sync_runs ORDER BY id")).containsExactly("1|success", "2|success");
                assertThat(rows(c, "SELECT id FROM contacts ORDER BY id")).containsExactly("new-1", "old-1", "old-2");
                assertThat(rows(c, "SELECT email FROM contact_emails_history")).containsExactly(longEmail);
            }
            // Opened again: nothing left to upgrade, and the declared columns are all there.
            MirrorDatabase.open(db.url(), db.user(), db.password(), 2).close();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aNewMirrorHasTheTablesOfAnUpgradedOne(String vendor) throws Exception {
        assumeReleaseZeroHad(vendor);
        try (TestDatabase upgraded = TestDatabase.create(vendor); TestDatabase fresh = TestDatabase.create(vendor)) {
            releaseZero(upgraded);
            MirrorDatabase.open(upgraded.url(), upgraded.user(), upgraded.password(), 2).close();
            MirrorDatabase.open(fresh.url(), fresh.user(), fresh.password(), 2).close();
            Map<String, String> before;
            Map<String, String> after;
            try (Connection c = upgraded.connect()) {
                before = describe(c);
            }
            try (Connection c = fresh.connect()) {
                after = describe(c);
            }
            assertThat(after.keySet()).containsAll(List.of("contacts", "contacts_history", "contact_emails_history",
                    "sync_runs", "import_rows", "contacts_wide"));
            assertThat(after).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aMissingDeclaredColumnIsOneLineWithTheStatementThatAddsIt(String vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor)) {
            MirrorDatabase.open(db.url(), db.user(), db.password(), 2).close();
            execute(db, "ALTER TABLE conversations DROP COLUMN last_opened_at");
            String type = Map.of("h2", "TIMESTAMP WITH TIME ZONE", "postgresql", "TIMESTAMPTZ", "mariadb", "DATETIME(6)",
                    "sqlite", "TIMESTAMP").get(vendor);
            String add = "ALTER TABLE conversations ADD COLUMN last_opened_at " + type;
            assertThatThrownBy(() -> MirrorDatabase.open(db.url(), db.user(), db.password(), 2))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining("Stream conversations (config/streams/conversations.stream.yaml): the mirror"
                            + " table conversations has no column last_opened_at; add it with: " + add + ";")
                    .satisfies(e -> assertThat(e.getMessage().lines().filter(l -> l.contains("no column"))).hasSize(1));
            execute(db, add);
            MirrorDatabase.open(db.url(), db.user(), db.password(), 2).close();
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aTableTheMirrorLacksIsCreatedWithItsHistoryAndIndexes(String vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor)) {
            MirrorDatabase.open(db.url(), db.user(), db.password(), 2).close();
            execute(db, "DROP TABLE contact_groups_history");
            execute(db, "DROP TABLE contact_phones");
            try (MirrorDatabase mirror = MirrorDatabase.open(db.url(), db.user(), db.password(), 2);
                 Connection c = mirror.dataSource().getConnection()) {
                assertThat(StreamSchema.tableNames(c)).containsKeys("contact_groups_history", "contact_phones");
                assertThat(MirrorSchema.indexes(c, StreamSchema.tableNames(c).get("contact_phones")))
                        .containsEntry("contact_phones_phone_idx", List.of("phone"));
            }
        }
    }

    /**
     * A child history table's index leads with valid_from, which grows with time, so a sync appends to it instead
     * of rewriting random pages of it on every commit (issue 17). A mirror whose index still leads with the parent
     * key, or that lacks a declared index, gets the declared one when it opens.
     */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void anIndexThatDiffersFromItsDeclarationIsRebuiltAndAMissingOneCreated(String vendor) throws Exception {
        try (TestDatabase db = TestDatabase.create(vendor)) {
            MirrorDatabase.open(db.url(), db.user(), db.password(), 2).close();
            try (Connection c = db.connect()) {
                assertThat(MirrorSchema.indexes(c, StreamSchema.tableNames(c).get("contact_emails_history")))
                        .containsEntry("contact_emails_history_version_idx", List.of("valid_from", "contact_id"));
            }
            VendorDialect dialect = VendorDialect.of(MirrorVendor.fromUrl(db.url()));
            execute(db, dialect.dropIndex("contact_emails_history_version_idx", "contact_emails_history"));
            execute(db, "CREATE INDEX contact_emails_history_version_idx ON contact_emails_history (contact_id, valid_from)");
            execute(db, dialect.dropIndex("contact_phones_phone_idx", "contact_phones"));
            MirrorDatabase.open(db.url(), db.user(), db.password(), 2).close();
            try (Connection c = db.connect()) {
                Map<String, String> tables = StreamSchema.tableNames(c);
                assertThat(MirrorSchema.indexes(c, tables.get("contact_emails_history")))
                        .containsEntry("contact_emails_history_version_idx", List.of("valid_from", "contact_id"));
                assertThat(MirrorSchema.indexes(c, tables.get("contact_phones")))
                        .containsEntry("contact_phones_phone_idx", List.of("phone"));
            }
        }
    }

    /** The vendor's release-0 migrations, unpacked from the archive into a temporary folder. */
    static Path releaseZeroMigrations(String vendor) throws IOException {
        Path dir = Files.createTempDirectory("klink-release-0-");
        try (InputStream archive = SchemaUpgradeTest.class.getResourceAsStream("/mirror/release-0.zip");
             ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory() && entry.getName().startsWith(vendor + "/")) {
                    Path file = dir.resolve(entry.getName().substring(vendor.length() + 1));
                    Files.copy(zip, file);
                    file.toFile().deleteOnExit();
                }
            }
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    /** Release 0 had no SQLite mirror (SQLite came with issue 17), so no SQLite mirror of it can need upgrading. */
    static void assumeReleaseZeroHad(String vendor) {
        org.junit.jupiter.api.Assumptions.assumeFalse("sqlite".equals(vendor),
                "release 0 had no SQLite mirror: there is nothing of it to upgrade");
    }

    /** A release-0 mirror: its own migrations, as its release ran them, and a few rows of every kind. */
    static void releaseZero(TestDatabase db) throws SQLException, IOException {
        Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + releaseZeroMigrations(db.vendor())).load().migrate();
        MirrorVendor vendor = MirrorVendor.fromUrl(db.url());
        try (Connection c = db.connect()) {
            for (String[] contact : new String[][]{{"old-1", "Aria "}, {"old-2", "Bo"}}) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO contacts (id, name, raw_json, content_hash,"
                        + " first_seen_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, contact[0]);
                    insert.setString(2, contact[1]);
                    insert.setString(3, "{\"id\":\"" + contact[0] + "\"}");
                    insert.setString(4, "0".repeat(64));
                    vendor.bindInstant(insert, 5, T0);
                    vendor.bindInstant(insert, 6, T0);
                    insert.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO contact_emails (contact_id, email, is_primary, position)"
                        + " VALUES ('old-1', 'Aria@Example.com', TRUE, 0)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sync_runs (stream, started_at, ended_at, status)"
                    + " VALUES ('contacts', ?, ?, 'success')")) {
                vendor.bindInstant(insert, 1, T0);
                vendor.bindInstant(insert, 2, T0);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO import_runs (file_name, file_sha256, mode,"
                    + " started_at, status) VALUES ('old.csv', ?, 'upsert', ?, 'success')")) {
                insert.setString(1, "a".repeat(64));
                vendor.bindInstant(insert, 2, T0);
                insert.executeUpdate();
            }
        }
    }

    /** Every table and view: its columns (name, type, size, nullability, computed), primary key and indexes. */
    static Map<String, String> describe(Connection c) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (Map.Entry<String, String> table : StreamSchema.tableNames(c).entrySet()) {
            StringBuilder text = new StringBuilder();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), StreamSchema.exactly(c, table.getValue()), "%")) {
                while (rs.next()) {
                    text.append(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)).append(' ')
                            .append(rs.getString("TYPE_NAME")).append('(').append(rs.getInt("COLUMN_SIZE")).append(',')
                            .append(rs.getInt("DECIMAL_DIGITS")).append(") nullable=").append(rs.getInt("NULLABLE"))
                            .append(" generated=").append(rs.getString("IS_GENERATEDCOLUMN")).append('\n');
                }
            }
            List<String> key = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(c.getCatalog(), c.getSchema(), table.getValue())) {
                while (rs.next()) {
                    key.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            key.sort(null);
            text.append("primary key ").append(key).append('\n');
            Map<String, List<String>> indexes = new TreeMap<>();
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), table.getValue(), false, true)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name == null || !rs.getBoolean("NON_UNIQUE")) {
                        continue; // unique: the primary key's, named by the database (differently per run on H2)
                    }
                    indexes.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            text.append("indexes ").append(indexes);
            if (meta.getURL().startsWith("jdbc:mariadb:")) {
                // What JDBC metadata does not show: the table options and the index prefix lengths.
                text.append('\n').append(rows(c, "SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE"
                        + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table.getValue() + "'"));
                text.append(rows(c, "SELECT INDEX_NAME, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS WHERE"
                        + " TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table.getValue() + "' AND SUB_PART IS NOT NULL"));
            }
            tables.put(table.getKey(), text.toString());
        }
        return tables;
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static JsonNode contact(String id, String name, String email) {
        ObjectNode c = MirrorFixture.JSON.createObjectNode();
        c.put("id", id);
        c.put("name", name);
        c.putArray("email").addObject().put("email", email).put("isPrimary", true);
        return c;
    }
}
