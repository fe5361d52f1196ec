package io.klinksync.sync;

import io.klinksync.contacts.ImportLedger;
import io.klinksync.contacts.RowAction;
import io.klinksync.contacts.RowPlan;
import io.klinksync.mirror.MirrorCopy;
import io.klinksync.mirror.MirrorDatabase;
import io.klinksync.mirror.MirrorException;
import io.klinksync.mirror.SyncRun;
import io.klinksync.streams.StreamDeclarations;
import io.klinksync.testing.MirrorTables;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `klink-sync mirror copy`: an H2 mirror holding rows of every kind (synced from the sandbox through the product,
 * with history, a change log, a reject and an import ledger) is copied into SQLite and PostgreSQL; every table of
 * the copy equals the source row by row, and the copy goes on as a mirror: a no-change re-sync writes nothing, a
 * change lands with new ids after the copied ones.
 */
class MirrorCopyTest {

    private static final String MYANMAR = "ကျော်ကျော်";
    private static final String UPDATED_NOTES = "ပြန်ခေါ်ရန် — called back";
    private static final String LONG_ID = "x".repeat(300);

    @TempDir
    Path dir;

    @Test
    void anH2MirrorCopiedIntoSqliteHasEveryRowAndGoesOnAsAMirror() throws Exception {
        copiedAndResynced("sqlite");
    }

    @Test
    void anH2MirrorCopiesIntoPostgresqlToo() throws Exception {
        copiedAndResynced("postgresql");
    }

    @Test
    void anH2MirrorCopiesIntoMariadbToo() throws Exception {
        copiedAndResynced("mariadb");
    }

    @Test
    void aTargetThatHoldsRowsIsRefusedAndLeftAsItWas() throws Exception {
        try (SyncFixture f = new SyncFixture("h2"); TestDatabase target = TestDatabase.sqlite()) {
            f.useDatabase(TestDatabase.h2File(dir));
            assertThat(f.sync("contacts")).allSatisfy(run -> assertThat(run.status()).isEqualTo("success"));
            StreamDeclarations streams = StreamDeclarations.of(f.settings());
            MirrorCopy.copy(endpoint(f.database), endpoint(target), streams, c -> {
            });
            Map<String, Long> before = counts(target);

            assertThatThrownBy(() -> MirrorCopy.copy(endpoint(f.database), endpoint(target), streams, c -> {
            })).isInstanceOf(MirrorException.class)
                    .hasMessageContaining("already holds rows").hasMessageContaining("Nothing was copied")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("Exception");

            assertThat(counts(target)).isEqualTo(before);
            assertThat(before.get("contacts")).isPositive();
        }
    }

    private void copiedAndResynced(String vendor) throws Exception {
        TestDatabase target = TestDatabase.create(vendor);
        boolean handedOver = false;
        try (SyncFixture f = new SyncFixture("h2")) {
            f.useDatabase(TestDatabase.h2File(dir));
            mirrorOfEveryKind(f);
            TestDatabase source = f.database;
            Map<String, Long> sourceCounts = counts(source);
            for (String table : List.of("contacts", "contacts_history", "contact_emails", "contact_emails_history",
                    "contact_tags", "contact_custom_field_values", "companies", "sync_runs", "sync_changes", "sync_rejects", "import_runs", "import_rows",
                    "conversations", "chat_groups", "group_members", "contact_fields", "contact_field_options", "contacts_wide_columns")) {
                assertThat(sourceCounts.get(table)).as("source rows of %s", table).isPositive();
            }

            List<MirrorCopy.TableCount> told = new ArrayList<>();
            MirrorCopy.Result result = MirrorCopy.copy(endpoint(source), endpoint(target),
                    StreamDeclarations.of(f.settings()), told::add);

            assertThat(told).isEqualTo(result.tables());
            assertThat(result.leftOut()).isEmpty();
            Map<String, Long> copiedCounts = new LinkedHashMap<>();
            result.tables().forEach(t -> copiedCounts.put(t.table(), t.rows()));
            assertThat(copiedCounts.keySet()).doesNotContain("klink_schema_history")
                    .noneMatch(t -> t.startsWith("qrtz_"));
            assertSameRows(source, target, copiedCounts.keySet());
            assertThat(copiedCounts).isEqualTo(withoutUncopied(sourceCounts));
            assertThat(row(target, "SELECT name FROM contacts WHERE name = '" + MYANMAR + "'")).isEqualTo(MYANMAR);
            assertThat(columnsOf(target, "contacts_wide")).isEqualTo(columnsOf(source, "contacts_wide"))
                    .contains("cf_tier"); // a typed custom-field column: the view was regenerated from the copied rows

            // The copy is the mirror now: a re-sync without changes writes nothing, a change lands after the copied ids.
            long lastRun = count(target, "SELECT MAX(id) FROM sync_runs");
            long lastChange = count(target, "SELECT MAX(id) FROM sync_changes");
            f.useDatabase(target); // the fixture closes it from here on
            handedOver = true;
            List<SyncRun> resync = f.sync();
            assertThat(resync).allSatisfy(run -> {
                assertThat(run.status()).as(run.toString()).isEqualTo("success");
                assertThat(run.inserted.get() + run.updated.get() + run.deleted.get()).as(run.toString()).isZero();
            });
            Map<String, Long> afterResync = counts(target);
            for (String table : afterResync.keySet()) {
                if (table.endsWith("_history") || table.equals("sync_changes") || !sourceCounts.containsKey(table)
                        || table.equals("contacts") || table.equals("conversations")) {
                    assertThat(afterResync.get(table)).as("rows of %s after a no-change re-sync", table)
                            .isEqualTo(sourceCounts.get(table));
                }
            }
            assertThat(count(target, "SELECT MIN(id) FROM sync_runs WHERE id > " + lastRun)).isEqualTo(lastRun + 1);

            String changed = f.sandbox.store().contacts().ids().get(0);
            f.sandbox.store().contacts().update(changed, c -> c.put("notes", "changed after the copy"));
            SyncRun run = f.syncOne("contacts");
            assertThat(run.status()).as(run.toString()).isEqualTo("success");
            assertThat(run.updated.get()).isEqualTo(1);
            assertThat(count(target, "SELECT COUNT(*) FROM contacts_history WHERE id = '" + changed + "'"))
                    .isEqualTo(count(source, "SELECT COUNT(*) FROM contacts_history WHERE id = '" + changed + "'") + 1);
            assertThat(count(target, "SELECT MIN(id) FROM sync_changes WHERE id > " + lastChange)).isEqualTo(lastChange + 1);
        } finally {
            if (!handedOver) {
                target.close();
            }
        }
    }

    /**
     * Two passes of every stream through the product, the second after a contact changed (a second history version
     * and an update in the change log) and a contact with an id too long for its column arrived (a reject); then an
     * import run with a planned row in the ledger.
     */
    private static void mirrorOfEveryKind(SyncFixture f) throws Exception {
        assertThat(f.sync()).allSatisfy(run -> assertThat(run.status()).as(run.toString()).isEqualTo("success"));
        String aria = f.sandbox.store().contacts().ids().get(0);
        f.sandbox.store().contacts().update(aria, c -> c.put("notes", UPDATED_NOTES));
        var rejected = f.sandbox.store().contacts().get(aria).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) rejected).put("id", LONG_ID);
        f.sandbox.store().contacts().insert(rejected);
        SyncRun second = f.syncOne("contacts");
        assertThat(second.status()).as(second.toString()).isEqualTo("success");
        assertThat(second.updated.get()).isEqualTo(1);
        assertThat(second.rejected.get()).isEqualTo(1);
        f.sandbox.store().contacts().delete(LONG_ID);

        TestDatabase db = f.database;
        try (MirrorDatabase mirror = MirrorDatabase.open(db.url(), db.user(), db.password(), 2)) {
            ImportLedger ledger = new ImportLedger(mirror.dataSource(), mirror.vendor());
            ImportLedger.Run run = ledger.start("လိပ်စာ contacts.csv", "a".repeat(64), "upsert", "klink");
            var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("name", MYANMAR);
            ledger.record(run.id(), List.of(new RowPlan(1, RowAction.CREATE, "email:kyaw@example.com", null, body,
                    List.of(), List.of(), 1)));
            ledger.planned(run.id());
        }
    }

    /** Every copied table: the same rows, column by column, as values that mean the same on both vendors. */
    private static void assertSameRows(TestDatabase source, TestDatabase target, Set<String> tables) throws SQLException {
        MirrorTables from = MirrorTables.open(source.url(), source.user(), source.password());
        MirrorTables to = MirrorTables.open(target.url(), target.user(), target.password());
        try {
            for (String table : tables) {
                Set<String> columns = new HashSet<>(from.columns(table));
                columns.retainAll(to.columns(table));
                assertThat(columns).as("columns of %s", table).isNotEmpty();
                assertThat(to.rows(table, columns)).as("rows of %s", table).isEqualTo(from.rows(table, columns));
            }
        } finally {
            from.close();
            to.close();
        }
    }

    private static Map<String, Long> withoutUncopied(Map<String, Long> counts) {
        Map<String, Long> kept = new LinkedHashMap<>(counts);
        kept.keySet().removeIf(t -> t.endsWith("schema_history") || t.startsWith("qrtz_") || t.equals("sync_lock_rows"));
        return kept;
    }

    private static Map<String, Long> counts(TestDatabase db) throws SQLException {
        MirrorTables tables = MirrorTables.open(db.url(), db.user(), db.password());
        try {
            return tables.counts();
        } finally {
            tables.close();
        }
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        MirrorTables tables = MirrorTables.open(db.url(), db.user(), db.password());
        try {
            return tables.count(sql);
        } finally {
            tables.close();
        }
    }

    private static String row(TestDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String> columnsOf(TestDatabase db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            return columns;
        }
    }

    private static MirrorCopy.Endpoint endpoint(TestDatabase db) {
        return MirrorCopy.Endpoint.of(db.url(), db.user(), db.password());
    }
}
