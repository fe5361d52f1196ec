package io.klinksync.sync;

import io.klinksync.api.ApiUnavailableException;
import io.klinksync.cli.SyncCommand;
import io.klinksync.config.ApiToken;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.FaultKind;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a sync does when the API misbehaves: it retries what is transient and never loses or deletes data. */
class SyncFaultsTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void a429WithRetryAfterIsWaitedOutAndTheRunCompletes(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(250))) {
            f.sandbox.knobs().retryAfterSeconds(1).failNext(1, FaultKind.RATE_LIMITED, "/api/v1/contacts");
            SyncRun run = f.set("sync.page.concurrency", "1").syncOne("contacts");

            assertThat(run.status()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());
            List<RecordedRequest> requests = f.sandbox.requests();
            RecordedRequest limited = requests.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
            RecordedRequest retried = requests.get(requests.indexOf(limited) + 1);
            assertThat(retried.pathAndQuery()).isEqualTo(limited.pathAndQuery());
            assertThat(Duration.between(limited.receivedAt(), retried.receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aBurstOf5xxAndBrokenPagesIsRetried(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(450).conversations(250))) {
            f.sandbox.knobs().failNext(3, FaultKind.SERVER_ERROR, "/api/v1/contacts");
            SyncRun contacts = f.syncOne("contacts");
            f.sandbox.knobs().failNext(1, FaultKind.MALFORMED_JSON, "/api/v1/conversations");
            f.sandbox.knobs().failNext(1, FaultKind.TRUNCATED_JSON, "/api/v1/conversations");
            SyncRun conversations = f.syncOne("conversations");

            assertThat(contacts.status()).isEqualTo("success");
            assertThat(conversations.status()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isEqualTo(f.sandbox.store().contacts().count());
            assertThat(f.count("SELECT COUNT(*) FROM conversations")).isEqualTo(f.sandbox.store().conversations().count());
            assertThat(f.sandbox.requests().stream().filter(r -> r.status() >= 500).count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void recordsInsertedAndDeletedWhilePagingNeverLoseDataOrDeleteWrongly(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor, SandboxOptions.defaults().contacts(600))) {
            f.syncOne("contacts");
            long before = f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL");

            // Records shift under every walk (one inserted, two deleted at the front per page served): the run
            // re-walks, then gives up as incomplete, deleting nothing.
            f.sandbox.knobs().mutateWhilePaging("contacts", 1, 2);
            SyncRun drifting = f.set("sync.drift.max-rewalks", "1").syncOne("contacts");
            assertThat(drifting.status()).isEqualTo("incomplete");
            assertThat(drifting.error()).contains("shifted while paging");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM contacts")).isGreaterThanOrEqualTo(before);

            // Once the API holds still, one complete pass makes the mirror equal to the API again.
            f.sandbox.knobs().stopMutating();
            SyncRun settled = f.syncOne("contacts");
            assertThat(settled.status()).isEqualTo("success");
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL")).isEqualTo(f.sandbox.store().contacts().count());
            for (String id : f.sandbox.store().contacts().ids()) {
                assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE id = ? AND deleted_at IS NULL", id)).as(id).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aRefusedTokenStopsTheRunAtOnceNamingProfileAndUrl(String vendor) throws Exception {
        try (SyncFixture f = new SyncFixture(vendor)) {
            assertThatThrownBy(() -> SyncCommand.syncStreams(f.settings(), ApiToken.of("not-the-token-123"),
                    List.of("contacts", "conversations"))).isInstanceOf(ApiUnavailableException.class);
            Map<String, Object> run = f.row("SELECT stream, status, error FROM sync_runs");
            assertThat(run).containsEntry("stream", "contacts").containsEntry("status", "failed");
            assertThat((String) run.get("error")).contains("401").contains("profile klink")
                    .contains(f.sandbox.baseUrl() + "/contacts").doesNotContain("not-the-token-123");
            assertThat(f.count("SELECT COUNT(*) FROM sync_runs")).as("the next stream is not tried").isEqualTo(1);
            assertThat(f.sandbox.requests()).hasSize(1);
        }
    }
}
