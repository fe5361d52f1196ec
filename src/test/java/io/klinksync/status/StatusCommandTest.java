package io.klinksync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.cli.SyncCommand;
import io.klinksync.config.ApiToken;
import io.klinksync.mirror.MirrorWriter;
import io.klinksync.mirror.Mirrors;
import io.klinksync.mirror.StreamLock;
import io.klinksync.sandbox.FaultKind;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `klink-sync status --json` tells what sync_runs holds after real syncs, on every mirror database. */
class StatusCommandTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void statusJsonAgreesWithSyncRunsAfterRealSyncs(String vendor) throws Exception {
        try (OpsFixture f = new OpsFixture(TestDatabase.create(vendor))) {
            f.values.put("api.retry.max-retries", "0");
            ApiToken token = ApiToken.of(OpsFixture.TOKEN);
            SyncCommand.syncStreams(f.settings(), token, List.of());            // every stream once
            SyncCommand.syncStreams(f.settings(), token, List.of("contacts"));  // again: all unchanged
            f.sandbox.knobs().failNext(1, FaultKind.SERVER_ERROR, "/groups");
            SyncCommand.syncStreams(f.settings(), token, List.of("groups"));    // fails

            OpsFixture.Outcome outcome;
            try (MirrorWriter mirror = Mirrors.open(f.settings()); StreamLock ignored = mirror.lock("conversations", 0)) {
                outcome = f.cli("status", "--json");
            }
            assertThat(outcome.exit()).as(outcome.err()).isZero();
            JsonNode status = new ObjectMapper().readTree(outcome.out());

            Map<String, List<Map<String, Object>>> rows = syncRuns(f.database);
            assertThat(status.get("streams")).hasSize(5);
            for (JsonNode stream : status.get("streams")) {
                String name = stream.get("stream").asText();
                List<Map<String, Object>> expected = rows.get(name);
                JsonNode runs = stream.get("runs");
                assertThat(runs).as(name).hasSize(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    Map<String, Object> row = expected.get(i);
                    JsonNode run = runs.get(i);
                    assertThat(run.get("id").asLong()).isEqualTo(((Number) row.get("id")).longValue());
                    assertThat(run.get("status").asText()).isEqualTo(row.get("status"));
                    for (String count : List.of("pages", "records_seen", "inserted", "updated", "unchanged", "deleted", "rejected")) {
                        assertThat(run.get(count).asLong()).as(name + " " + count).isEqualTo(((Number) row.get(count)).longValue());
                    }
                }
                assertThat(stream.get("offered").asBoolean()).isTrue();
                assertThat(stream.get("lock_holder").isNull()).as(name + " lock holder").isEqualTo(!name.equals("conversations"));
            }
            JsonNode contacts = stream(status, "contacts");
            assertThat(contacts.at("/runs/0/unchanged").asLong()).isEqualTo(28);
            assertThat(contacts.at("/freshness/state").asText()).isEqualTo("fresh");
            JsonNode groups = stream(status, "groups");
            assertThat(groups.at("/runs/0/status").asText()).isEqualTo("failed");
            assertThat(groups.at("/runs/0/error").asText()).contains("500");
            assertThat(groups.at("/freshness/state").asText()).isEqualTo("fresh"); // its first run succeeded
            assertThat(stream(status, "conversations").at("/lock_holder/holder").asText()).isNotBlank();
            assertThat(status.at("/rejects/recorded").asBoolean()).as("the mirror has sync_rejects").isTrue();
            assertThat(contacts.get("rejects").asLong()).isEqualTo(f.count("SELECT COUNT(*) FROM sync_rejects WHERE stream = 'contacts'"));
            assertThat(status.at("/cluster/clustered").asBoolean()).isFalse();
            // Every run row names its node; status lists each node with the streams it ran.
            assertThat(status.at("/cluster/nodes").size()).isEqualTo(f.count("SELECT COUNT(DISTINCT node) FROM sync_runs")).isOne();
            assertThat(status.at("/cluster/nodes/0/streams").toString()).contains("\"contacts\"").contains("\"groups\"");
            assertThat(outcome.out()).doesNotContain(OpsFixture.TOKEN);

            OpsFixture.Outcome text = f.cli("status", "--stream", "groups");
            assertThat(text.exit()).isZero();
            assertThat(text.out()).contains("groups: fresh: last success").contains("failed").contains("lock: no holder recorded")
                    .doesNotContain("contacts:");
        }
    }

    /** `status --changes RUN` prints exactly what the change log holds for that run, and nothing of other runs. */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void statusChangesListsWhatARunChanged(String vendor) throws Exception {
        try (OpsFixture f = new OpsFixture(TestDatabase.create(vendor))) {
            ApiToken token = ApiToken.of(OpsFixture.TOKEN);
            SyncCommand.syncStreams(f.settings(), token, List.of("contacts"));
            String changed = f.sandbox.store().contacts().ids().get(2);
            f.sandbox.store().contacts().update(changed, c -> c.put("notes", "changed for the change log"));
            long run = SyncCommand.syncStreams(f.settings(), token, List.of("contacts")).get(0).id();

            OpsFixture.Outcome outcome = f.cli("status", "--changes", String.valueOf(run), "--json");
            assertThat(outcome.exit()).as(outcome.err()).isZero();
            JsonNode changes = new ObjectMapper().readTree(outcome.out());
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).get("record_id").asText()).isEqualTo(changed);
            assertThat(changes.get(0).get("change").asText()).isEqualTo("update");
            assertThat(changes.get(0).get("changed_fields").asText()).contains("notes");

            OpsFixture.Outcome text = f.cli("status", "--changes", String.valueOf(run));
            assertThat(text.out()).contains("contacts " + changed + ": update").contains("Run " + run + ": 1 changes");
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void statusOfANeverMigratedMirrorExitsTwoSayingSo(String vendor) throws Exception {
        try (OpsFixture f = new OpsFixture(TestDatabase.create(vendor))) {
            f.database.connect().close(); // a SQLite file exists once opened, as the other vendors' databases do
            OpsFixture.Outcome outcome = f.cli("status");
            assertThat(outcome.exit()).isEqualTo(2);
            assertThat(outcome.err()).contains("no sync_runs table").contains("klink-sync check");
        }
    }

    /**
     * A SQLite URL whose file does not exist is no mirror yet, as a missing H2 file is: status and check say so
     * and leave no file behind; an existing file is opened read-only.
     */
    @org.junit.jupiter.api.Test
    void statusOfAMissingSqliteFileSaysThereIsNoMirrorAndCreatesNone() throws Exception {
        try (TestDatabase sqlite = TestDatabase.sqlite(); OpsFixture f = new OpsFixture(TestDatabase.h2())) {
            java.nio.file.Path file = java.nio.file.Path.of(sqlite.url().substring("jdbc:sqlite:".length()));
            f.values.put("mirror.jdbc.url", sqlite.url());
            f.values.put("mirror.jdbc.user", "");
            f.values.put("mirror.jdbc.password", "");

            OpsFixture.Outcome status = f.cli("status");
            assertThat(status.exit()).isEqualTo(2);
            assertThat(status.err()).contains("there is no mirror at " + file + " yet");
            OpsFixture.Outcome check = f.cli("check");
            assertThat(check.out()).contains("✗ mirror:").contains("there is no mirror at " + file + " yet");
            try (var left = java.nio.file.Files.list(file.getParent())) {
                assertThat(left.toList()).as("status and check leave no file").isEmpty();
            }

            String url = MirrorProbe.url(io.klinksync.mirror.MirrorVendor.SQLITE, sqlite.url());
            assertThat(url).contains("open_mode=1").doesNotContain("journal_mode").doesNotContain("transaction_mode");
        }
    }

    private static JsonNode stream(JsonNode status, String name) {
        for (JsonNode stream : status.get("streams")) {
            if (stream.get("stream").asText().equals(name)) {
                return stream;
            }
        }
        throw new AssertionError("no stream " + name + " in " + status);
    }

    /** sync_runs per stream, newest first, as status shows them. */
    private static Map<String, List<Map<String, Object>>> syncRuns(TestDatabase db) throws Exception {
        Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, stream, status, pages, records_seen, inserted, updated, unchanged, deleted, rejected"
                     + " FROM sync_runs ORDER BY id DESC")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : List.of("id", "status", "pages", "records_seen", "inserted", "updated", "unchanged", "deleted", "rejected")) {
                    row.put(column, rs.getObject(column));
                }
                runs.computeIfAbsent(rs.getString("stream"), k -> new ArrayList<>()).add(row);
            }
        }
        return runs;
    }
}
