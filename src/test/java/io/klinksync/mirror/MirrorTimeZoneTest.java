package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instants go in and come out as UTC whatever the JVM's default time zone: here Asia/Yangon (UTC+06:30, so a UTC
 * day and a local day differ for the last 6.5 hours of each), the writer's process and the reader's alike.
 */
class MirrorTimeZoneTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    /** 1992-05-05T23:00:00Z: 1992-05-06 in Yangon, 1992-05-05 in UTC. */
    private static final long LATE_IN_THE_UTC_DAY = 705103200 + 3600;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void instantsAreStoredAndReadInUtcWhateverTheDefaultTimeZone(String vendor) throws Exception {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Yangon"));
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            ObjectNode late = MirrorFixture.records("conversations").get(0).deepCopy();
            late.put("id", "late-in-the-utc-day");
            late.put("last_active_at", LATE_IN_THE_UTC_DAY);
            late.put("created_at", "2024-05-01T23:30:00.123456Z");
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            SyncRun run = writer.begin("conversations", "klink");
            writer.write(run, List.<JsonNode>of(late));
            MirrorFixture.completeConfirmed(writer, run);
            Instant after = Instant.now().plusMillis(1);

            Map<String, Object> row = f.row("SELECT last_active_at, created_at, synced_at FROM conversations WHERE id = ?",
                    "late-in-the-utc-day");
            assertThat(row.get("last_active_at")).isEqualTo(Instant.ofEpochSecond(LATE_IN_THE_UTC_DAY));
            assertThat(row.get("created_at")).isEqualTo(Instant.parse("2024-05-01T23:30:00.123456Z"));
            assertThat((Instant) row.get("synced_at")).isBetween(before, after);
            Map<String, Object> runRow = f.row("SELECT started_at, ended_at FROM sync_runs WHERE id = ?", run.id());
            assertThat((Instant) runRow.get("started_at")).isBetween(before, after);
            assertThat((Instant) runRow.get("ended_at")).isBetween(before, after);

            // The database's own view of the instant is UTC as well: the shipped report counts it on its UTC day.
            assertThat(RecordHistoryTest.report(f, vendor, "conversations_active_per_day"))
                    .contains(List.of(LocalDate.of(1992, 5, 5), 1L));
            if (vendor.equals("sqlite")) {
                try (Connection c = f.mirror.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                        "SELECT last_active_at, created_at FROM conversations WHERE id = 'late-in-the-utc-day'");
                     ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("1992-05-05T23:00:00.000000Z");
                    assertThat(rs.getString(2)).isEqualTo("2024-05-01T23:30:00.123456Z");
                }
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }
}
