package io.klinksync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.RecordTable;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sync_changes says exactly what changed in the API between two syncs: over a seeded random sequence of inserts,
 * updates of random top-level fields and deletes in the sandbox, each run's rows are the diff of what the API
 * served before and after.
 */
class ChangeLogTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    private static final long SEED = 16;
    private static final int ROUNDS = 4;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void changeLogMatchesTheApisChangesExactly(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            RecordTable contacts = f.sandbox.store().contacts();
            Random random = new Random(SEED);
            Map<String, JsonNode> before = Map.of();
            int created = 0;
            for (int round = 0; round <= ROUNDS; round++) {
                if (round > 0) {
                    created += change(contacts, random, round, created);
                }
                Map<String, JsonNode> after = snapshot(contacts);
                SyncRun run = f.syncOne("contacts");
                assertThat(run.status()).isEqualTo("success");
                assertThat(logged(f, run.id())).as("round %d (run %d)", round, run.id()).isEqualTo(diff(before, after));
                before = after;
            }
            SyncRun quiet = f.syncOne("contacts");
            assertThat(logged(f, quiet.id())).isEmpty();
            assertThat(quiet.toString()).doesNotContain("sync_changes");
        }
    }

    /** A few inserts, updates and deletes; answers how many contacts it created. */
    private static int change(RecordTable contacts, Random random, int round, int created) {
        List<String> ids = new ArrayList<>(contacts.ids());
        Collections.shuffle(ids, random);
        int updates = 1 + random.nextInt(4);
        int deletes = random.nextInt(3);
        int inserts = random.nextInt(3);
        for (String id : ids.subList(0, updates)) {
            contacts.update(id, c -> mutate(c, random, round));
        }
        for (String id : ids.subList(updates, updates + deletes)) {
            contacts.delete(id);
        }
        for (int i = 0; i < inserts; i++) {
            ObjectNode copy = contacts.get(ids.get(ids.size() - 1 - i)).deepCopy();
            copy.put("id", "changelog-" + (created + i));
            copy.put("name", "New contact " + (created + i));
            contacts.insert(copy);
        }
        return inserts;
    }

    private static ObjectNode mutate(ObjectNode contact, Random random, int round) {
        int fields = 1 + random.nextInt(2);
        for (int i = 0; i < fields; i++) {
            switch (random.nextInt(4)) {
                case 0 -> contact.put("notes", "round " + round + " note " + random.nextInt(1000));
                case 1 -> contact.put("channel", List.of("viber", "messenger", "email", "phone").get(random.nextInt(4)));
                case 2 -> contact.put("address", "No. " + random.nextInt(500) + ", Yangon");
                default -> contact.withArray("tags").addObject().put("id", "tag-r" + round + "-" + random.nextInt(1000))
                        .put("name", "round " + round);
            }
        }
        return contact;
    }

    private static Map<String, JsonNode> snapshot(RecordTable contacts) {
        Map<String, JsonNode> records = new HashMap<>();
        for (String id : contacts.ids()) {
            records.put(id, contacts.get(id).deepCopy());
        }
        return records;
    }

    /** Record id -> "insert", "update:field,field" or "delete". */
    private static Map<String, String> diff(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        Map<String, String> changes = new TreeMap<>();
        after.forEach((id, record) -> {
            JsonNode old = before.get(id);
            if (old == null) {
                changes.put(id, "insert");
            } else if (!old.equals(record)) {
                TreeSet<String> fields = new TreeSet<>();
                for (JsonNode side : List.of(old, record)) {
                    for (Iterator<String> names = side.fieldNames(); names.hasNext(); ) {
                        String name = names.next();
                        if (!old.path(name).equals(record.path(name))) {
                            fields.add(name);
                        }
                    }
                }
                changes.put(id, "update:" + String.join(",", fields));
            }
        });
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(id -> changes.put(id, "delete"));
        return changes;
    }

    private static Map<String, String> logged(SyncFixture f, long runId) throws Exception {
        Map<String, String> changes = new TreeMap<>();
        try (Connection c = f.database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT record_id, change_type, changed_fields, stream FROM sync_changes WHERE run_id = ?")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(4)).isEqualTo("contacts");
                    String change = rs.getString(2) + (rs.getString(3) == null ? "" : ":" + rs.getString(3));
                    assertThat(changes.put(rs.getString(1), change)).as("one row per record and run").isNull();
                }
            }
        }
        return changes;
    }
}
