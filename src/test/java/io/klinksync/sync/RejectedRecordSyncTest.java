package io.klinksync.sync;

import io.klinksync.mirror.SyncRun;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact whose notes hold a NUL character, synced from the sandbox: it never stops the contacts stream. */
class RejectedRecordSyncTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aNulInNotesNeverStopsTheContactsStream(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            String id = f.sandbox.store().contacts().ids().get(0);
            f.sandbox.store().contacts().update(id, c -> c.put("notes", "x\u0000y"));
            int total = f.sandbox.store().contacts().count();

            SyncRun run = f.syncOne("contacts");

            assertThat(run.status()).as(run.toString()).isEqualTo("success");
            if (vendor.equals("postgresql")) {
                assertThat(run.rejected.get()).isOne();
                assertThat(run.toString()).contains("1 rejected").contains("sync_rejects");
                assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(total - 1);
                assertThat(f.row("SELECT reason FROM sync_rejects WHERE run_id = ? AND record_id = ?", run.id(), id)
                        .get("reason").toString()).contains("notes");
            } else {
                assertThat(run.rejected.get()).isZero();
                assertThat(f.row("SELECT notes FROM contacts WHERE id = ?", id).get("notes")).isEqualTo("x\u0000y");
            }

            f.sandbox.store().contacts().update(id, c -> c.put("notes", "xy"));
            SyncRun next = f.syncOne("contacts");
            assertThat(next.status()).as(next.toString()).isEqualTo("success");
            assertThat(next.rejected.get()).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(total);
            assertThat(f.row("SELECT notes FROM contacts WHERE id = ?", id).get("notes")).isEqualTo("xy");
        }
    }
}
