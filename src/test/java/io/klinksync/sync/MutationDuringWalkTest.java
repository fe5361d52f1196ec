package io.klinksync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.mirror.ContentHash;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.RecordTable;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.StoreMutations;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records created, deleted and updated in the API while a sync pages through it: whatever the run's outcome, no
 * record the API still has is marked deleted (or, with sync.delete-mode=hard, removed), and one quiet pass later
 * the mirror equals the API id for id and content hash for hash. The sandbox's walk hooks make each change right
 * after a chosen list request, so the point where a record shifts is exact, with no sleeps.
 */
class MutationDuringWalkTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    /** Paging styles: contacts are page-numbered, conversations follow a cursor. */
    static final List<String> STREAMS = List.of("contacts", "conversations");
    static final int RANDOM_SEEDS = 20;
    private static final int PAGE_SIZE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> vendorsAndDeleteModes() {
        return VENDORS.stream().flatMap(vendor -> Stream.of("soft", "hard").map(mode -> Arguments.of(vendor, mode)));
    }

    /**
     * The case at small scale, on both paging styles in one sync: 300 records of each, pages of 10 read one
     * at a time; after 12 pages of a stream one record on its page 3 is deleted and one is created. On the
     * page-numbered contacts the first record of page 13 moves onto page 12, read already, so the walk never sees
     * it, while the total, the repeats and the distinct ids all still add up. A cursor walk is not shifted by it.
     */
    @ParameterizedTest(name = "{0} delete-mode={1}")
    @MethodSource("vendorsAndDeleteModes")
    void aDeleteAndACreateMidWalkNeverMarkALiveRecordDeleted(String vendor, String deleteMode) throws Exception {
        try (SyncFixture f = fixture(vendor, 300, 1)) {
            f.set("sync.delete-mode", deleteMode);
            assertThat(f.sync(STREAMS.toArray(String[]::new)))
                    .allSatisfy(run -> assertThat(run.status()).isEqualTo("success"));
            Map<String, Set<String>> liveBefore = new HashMap<>();
            Map<String, String> goneFromPage3 = new HashMap<>();
            Map<String, String> shiftedOntoPage12 = new HashMap<>();
            Map<String, String> created = new ConcurrentHashMap<>();
            for (String stream : STREAMS) {
                List<String> before = f.sandbox.store().table(stream).ids();
                liveBefore.put(stream, liveInMirror(f, stream));
                goneFromPage3.put(stream, before.get(25));
                shiftedOntoPage12.put(stream, before.get(120));
                f.sandbox.walkHooks().afterListRequest(stream, 12, mutate -> {
                    mutate.delete(stream, goneFromPage3.get(stream));
                    created.put(stream, mutate.create(stream));
                });
            }

            List<SyncRun> runs = f.sync(STREAMS.toArray(String[]::new));

            assertThat(f.sandbox.walkHooks().pending()).as("the hooks ran").isZero();
            for (SyncRun run : runs) {
                String stream = run.stream();
                assertThat(f.sandbox.store().table(stream).contains(shiftedOntoPage12.get(stream))).isTrue();
                assertNoLiveRecordMarkedDeleted(f, stream, liveBefore.get(stream), run);
                assertThat(liveInMirror(f, stream)).as("still live in the mirror after " + describe(run))
                        .contains(shiftedOntoPage12.get(stream));
            }

            for (SyncRun quiet : f.sync(STREAMS.toArray(String[]::new))) {
                assertThat(quiet.status()).as(describe(quiet)).isEqualTo("success");
            }
            for (String stream : STREAMS) {
                assertMirrorEqualsApi(f, stream);
                assertThat(liveInMirror(f, stream)).contains(created.get(stream))
                        .doesNotContain(goneFromPage3.get(stream));
            }
        }
    }

    /**
     * A seeded mix of creates, deletes and updates at random points of the walks of both paging styles, with one
     * or two page threads, soft or hard deletes. One mirror per vendor carries on from seed to seed: each seed
     * starts where the last quiet pass left the mirror, equal to the API.
     */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void aSeededMixOfChangesWhilePagingNeverMarksALiveRecordDeleted(String vendor) throws Exception {
        try (SyncFixture f = fixture(vendor, 120, 1)) {
            assertThat(f.sync(STREAMS.toArray(String[]::new)))
                    .allSatisfy(run -> assertThat(run.status()).isEqualTo("success"));
            for (int seed = 1; seed <= RANDOM_SEEDS; seed++) {
                Random random = new Random(seed);
                f.set("sync.delete-mode", random.nextBoolean() ? "soft" : "hard");
                f.set("sync.page.concurrency", Integer.toString(1 + random.nextInt(2)));
                Map<String, Set<String>> liveBefore = new HashMap<>();
                for (String stream : STREAMS) {
                    liveBefore.put(stream, liveInMirror(f, stream));
                    scheduleRandomChanges(f, stream, random, seed);
                }

                List<SyncRun> runs = f.sync(STREAMS.toArray(String[]::new));

                f.sandbox.walkHooks().clear();
                for (SyncRun run : runs) {
                    assertNoLiveRecordMarkedDeleted(f, run.stream(), liveBefore.get(run.stream()), run,
                            "seed " + seed);
                }
                for (SyncRun quiet : f.sync(STREAMS.toArray(String[]::new))) {
                    assertThat(quiet.status()).as("seed %d, quiet pass: %s", seed, describe(quiet)).isEqualTo("success");
                }
                for (String stream : STREAMS) {
                    assertMirrorEqualsApi(f, stream, "seed " + seed);
                }
            }
        }
    }

    /**
     * Contact groups have no GET /:id to ask whether a record is gone, so a record missing from a complete pass is
     * deleted only once a second complete pass in a row lacks it too. A live group shifted onto a read page is
     * missed by one pass, never by two; a group really deleted goes at the second pass without it.
     */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void withoutASingleGetARecordIsDeletedOnlyAfterTwoCompletePassesWithoutIt(String vendor) throws Exception {
        try (SyncFixture f = fixture(vendor, 0, 1)) {
            RecordTable api = f.sandbox.store().contactGroups();
            for (int i = 0; i < 35; i++) {
                api.insert(contactGroup("segment-" + i));
            }
            String stream = "contact_groups";
            assertThat(f.syncOne(stream).status()).isEqualTo("success");
            List<String> before = api.ids();
            String goneFromPage1 = before.get(3);
            String shiftedOntoPage2 = before.get(20);
            Set<String> liveBefore = liveInMirror(f, stream);
            f.sandbox.walkHooks().afterListRequest(stream, 2, mutate -> {
                api.delete(goneFromPage1);
                api.insert(contactGroup("segment-new"));
            });

            SyncRun shifted = f.syncOne(stream);
            assertThat(f.sandbox.walkHooks().pending()).as("the hook ran").isZero();
            assertNoLiveRecordMarkedDeleted(f, stream, liveBefore, shifted);

            SyncRun firstWithout = f.syncOne(stream);
            assertThat(firstWithout.status()).isEqualTo("success");
            assertThat(liveInMirror(f, stream)).as("after one complete pass without it: " + describe(firstWithout))
                    .contains(goneFromPage1, shiftedOntoPage2);

            SyncRun secondWithout = f.syncOne(stream);
            assertThat(secondWithout.status()).isEqualTo("success");
            assertMirrorEqualsApi(f, stream, "after two complete passes without " + goneFromPage1);
        }
    }

    /**
     * One to three moments in the walk (a list request among the first two walks' worth, so re-walks get changes
     * too), each making one to three changes. Most are a delete paired with a create: the total stays the same,
     * which the drift guard cannot see.
     */
    private static void scheduleRandomChanges(SyncFixture f, String stream, Random random, int seed) {
        RecordTable api = f.sandbox.store().table(stream);
        int pages = (api.count() + PAGE_SIZE - 1) / PAGE_SIZE;
        int moments = 1 + random.nextInt(3);
        for (int m = 0; m < moments; m++) {
            int afterRequest = 1 + random.nextInt(2 * pages);
            Random changes = new Random(seed * 1_000L + stream.hashCode() + m);
            int count = 1 + random.nextInt(3);
            f.sandbox.walkHooks().afterListRequest(stream, afterRequest, mutate -> {
                for (int c = 0; c < count; c++) {
                    change(mutate, stream, api, changes);
                }
            });
        }
    }

    private static void change(StoreMutations mutate, String stream, RecordTable api, Random random) {
        List<String> ids = api.ids();
        int kind = random.nextInt(6);
        if (kind == 0) {
            mutate.create(stream);
        } else if (kind == 1) {
            mutate.delete(stream, ids.get(random.nextInt(ids.size())));
        } else if (kind == 2) {
            mutate.update(stream, ids.get(random.nextInt(ids.size())));
        } else {
            mutate.delete(stream, ids.get(random.nextInt(ids.size())));
            mutate.create(stream);
        }
    }

    private static SyncFixture fixture(String vendor, int records, int pageConcurrency) {
        SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().seedData(false)
                .contacts(records).conversations(records));
        // No rate limit and no latency: the hooks, not timing, decide where the walk is when data changes.
        return f.set("sync.page-size", Integer.toString(PAGE_SIZE))
                .set("sync.page.concurrency", Integer.toString(pageConcurrency))
                .set("api.rate-limit", "100000");
    }

    /** No record the API has now, and that the mirror held live before the run, lost its row or got deleted_at. */
    private static void assertNoLiveRecordMarkedDeleted(SyncFixture f, String stream, Set<String> liveBefore,
                                                        SyncRun run, String... context) throws SQLException {
        RecordTable api = f.sandbox.store().table(stream);
        Map<String, MirrorRow> mirror = mirror(f, stream);
        List<String> wronglyDeleted = new ArrayList<>();
        List<String> wronglyRemoved = new ArrayList<>();
        for (Map.Entry<String, MirrorRow> row : mirror.entrySet()) {
            if (row.getValue().deleted() && api.contains(row.getKey())) {
                wronglyDeleted.add(row.getKey());
            }
        }
        for (String id : liveBefore) {
            if (!mirror.containsKey(id) && api.contains(id)) {
                wronglyRemoved.add(id);
            }
        }
        String where = String.join(", ", context) + (context.length == 0 ? "" : ": ") + describe(run);
        assertThat(wronglyDeleted).as("%s: live records marked deleted_at", where).isEmpty();
        assertThat(wronglyRemoved).as("%s: live records whose row was removed", where).isEmpty();
    }

    /** Every API record is in the mirror, live, with the hash of its canonical JSON; every other row is deleted. */
    private static void assertMirrorEqualsApi(SyncFixture f, String stream, String... context) throws SQLException {
        RecordTable api = f.sandbox.store().table(stream);
        Map<String, String> expected = new TreeMap<>();
        for (String id : api.ids()) {
            expected.put(id, ContentHash.of(api.get(id)));
        }
        Map<String, String> live = new TreeMap<>();
        Set<String> notDeletedButGone = new HashSet<>();
        mirror(f, stream).forEach((id, row) -> {
            if (!row.deleted()) {
                live.put(id, row.hash());
                if (!expected.containsKey(id)) {
                    notDeletedButGone.add(id);
                }
            }
        });
        String where = String.join(", ", context);
        assertThat(notDeletedButGone).as("%s %s: rows the API no longer has, without deleted_at", where, stream).isEmpty();
        assertThat(live).as("%s %s: live mirror rows (id -> content_hash) against the API", where, stream)
                .isEqualTo(expected);
    }

    /** A contact group in the API's read shape, its id derived from its value. */
    private static ObjectNode contactGroup(String value) {
        ObjectNode group = JSON.createObjectNode();
        group.put("id", UUID.nameUUIDFromBytes(("contact-group:" + value).getBytes(StandardCharsets.UTF_8)).toString());
        group.put("value", value);
        group.put("label", value.replace('-', ' '));
        group.put("is_default", false);
        return group;
    }

    private record MirrorRow(String hash, boolean deleted) {
    }

    private static Map<String, MirrorRow> mirror(SyncFixture f, String table) throws SQLException {
        Map<String, MirrorRow> rows = new HashMap<>();
        try (Connection c = f.database.connect();
             PreparedStatement s = c.prepareStatement("SELECT id, content_hash, deleted_at FROM " + table);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), new MirrorRow(rs.getString(2), rs.getObject(3) != null));
            }
        }
        return rows;
    }

    private static Set<String> liveInMirror(SyncFixture f, String table) throws SQLException {
        Set<String> live = new HashSet<>();
        mirror(f, table).forEach((id, row) -> {
            if (!row.deleted()) {
                live.add(id);
            }
        });
        return live;
    }

    private static String describe(SyncRun run) {
        return run.stream() + " run " + run.status() + " (" + run.inserted.get() + " inserted, " + run.updated.get()
                + " updated, " + run.deleted.get() + " deleted" + (run.error() == null ? "" : "; " + run.error()) + ")";
    }
}
