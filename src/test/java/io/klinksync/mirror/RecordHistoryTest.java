package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Versions of records (SCD type 2) and the shipped history reports, on every vendor. */
class RecordHistoryTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    private static final List<String> HISTORY_TABLES = List.of("contacts_history", "contact_emails_history",
            "contact_phones_history", "contact_tags_history", "contact_custom_field_values_history", "sync_changes");

    private static SyncRun pass(JdbcMirrorWriter writer, List<JsonNode> contacts) {
        SyncRun run = writer.begin("contacts", "klink");
        writer.write(run, contacts);
        return MirrorFixture.completeConfirmed(writer, run);
    }

    private static Instant syncedAt(MirrorFixture f, String id) {
        return (Instant) f.row("SELECT synced_at FROM contacts WHERE id = ?", id).get("synced_at");
    }

    private static long historyRows(MirrorFixture f) {
        long rows = 0;
        for (String table : HISTORY_TABLES) {
            rows += f.count("SELECT COUNT(*) FROM " + table);
        }
        return rows;
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void threeSyncsWithAnUpdateAndADeleteGiveExactlyTheseVersions(String vendor) throws Exception {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            JsonNode a = MirrorFixture.contact("a", "Aye Aye", "viber", null, null, "vip");
            JsonNode b = MirrorFixture.contact("b", "Bo Bo", "email", null, null, "gold");
            JsonNode c = MirrorFixture.contact("c", "Cho Cho", "phone", null, null, "gold", "vip");
            SyncRun first = pass(writer, List.of(a, b, c));
            Instant t1 = syncedAt(f, "a");

            JsonNode b2 = MirrorFixture.withField(b, "channel", "viber");
            SyncRun second = pass(writer, List.of(a, b2));
            Instant t2 = syncedAt(f, "b");
            Instant deletedAt = (Instant) f.row("SELECT deleted_at FROM contacts WHERE id = 'c'").get("deleted_at");
            assertThat(t2).isAfter(t1);

            long before = historyRows(f);
            SyncRun third = pass(writer, List.of(a, b2));
            assertThat(historyRows(f)).as("a re-sync without changes writes no history or change row").isEqualTo(before);
            assertThat(third.inserted.get() + third.updated.get() + third.deleted.get()).isZero();

            List<Map<String, Object>> versions = f.rows("SELECT id, channel, valid_from, valid_to, run_id FROM contacts_history"
                    + " ORDER BY id, valid_from");
            assertThat(versions).extracting(v -> v.get("id"), v -> v.get("channel"), v -> v.get("valid_from"),
                    v -> v.get("valid_to"), v -> v.get("run_id")).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a", "viber", t1, null, first.id()),
                    org.assertj.core.groups.Tuple.tuple("b", "email", t1, t2, first.id()),
                    org.assertj.core.groups.Tuple.tuple("b", "viber", t2, null, second.id()),
                    org.assertj.core.groups.Tuple.tuple("c", "phone", t1, deletedAt, first.id()));
            // Child rows belong to their version: c's two tags stay in its closed version.
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags_history WHERE contact_id = 'c' AND valid_from = ?",
                    bindable(f, t1))).isEqualTo(2);
            assertThat(f.count("SELECT COUNT(*) FROM contact_tags_history WHERE contact_id = 'b'")).isEqualTo(2);

            assertThat(f.rows("SELECT record_id, change_type, changed_fields FROM sync_changes WHERE run_id = ?"
                    + " ORDER BY record_id", second.id())).extracting(r -> r.get("record_id"), r -> r.get("change_type"),
                    r -> r.get("changed_fields")).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("b", "update", "channel"),
                    org.assertj.core.groups.Tuple.tuple("c", "delete", null));
            assertThat(second.toString()).contains("changes logged in sync_changes (run " + second.id()
                    + "): 0 insert, 1 update, 1 delete");

            // The shipped reports: tags as of each sync, the weekly counts, one contact's history.
            assertThat(report(f, vendor, "contacts_by_tag_as_of", t1, t1)).containsExactly(
                    List.of("gold", 2L), List.of("vip", 2L));
            assertThat(report(f, vendor, "contacts_by_tag_as_of", t2, t2)).as("c is deleted only when the pass completes")
                    .containsExactly(List.of("gold", 2L), List.of("vip", 2L));
            assertThat(report(f, vendor, "contacts_by_tag_as_of", deletedAt, deletedAt)).containsExactly(
                    List.of("gold", 1L), List.of("vip", 1L));
            assertThat(report(f, vendor, "contacts_by_tag_as_of", t1.minusSeconds(1), t1.minusSeconds(1))).isEmpty();
            List<List<Object>> weeks = report(f, vendor, "contacts_changed_per_week");
            assertThat(weeks).hasSize(1);
            assertThat(weeks.get(0).subList(1, 4)).containsExactly(3L, 1L, 1L);
            assertThat(report(f, vendor, "contact_history", "b")).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(3))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(t1, t2, "email"),
                            org.assertj.core.groups.Tuple.tuple(t2, null, "viber"));
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void historyOffWritesNoVersionsAndChangesOffNoChangeRows(String vendor) {
        try (MirrorFixture f = MirrorFixture.open(vendor);
             JdbcMirrorWriter writer = new JdbcMirrorWriter(f.mirror, DeleteMode.SOFT, new ReportingSettings(false, false, 30))) {
            JsonNode a = MirrorFixture.contact("a", "Aye Aye", "viber", null, null, "vip");
            pass(writer, List.of(a));
            pass(writer, List.of(MirrorFixture.withField(a, "notes", "new")));
            pass(writer, List.of());
            assertThat(historyRows(f)).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        }
    }

    static Object bindable(MirrorFixture f, Instant at) {
        if (f.mirror.vendor() == MirrorVendor.SQLITE) {
            return MirrorVendor.SQLITE_INSTANT.format(at); // ISO-8601 UTC text, as the writer binds it
        }
        return f.mirror.vendor() == MirrorVendor.MARIADB ? java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC)
                : java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
    }

    /** A shipped report with its ? parameters; timestamps read back as instants, dates as LocalDate, numbers as long. */
    static List<List<Object>> report(MirrorFixture f, String vendor, String name, Object... parameters) throws IOException {
        Path reports = Path.of("samples/reporting");
        Path specific = reports.resolve(name + "." + vendor + ".sql");
        Path file = Files.exists(specific) ? specific : reports.resolve(name + ".sql");
        String sql = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.trim().startsWith("--"))
                .collect(Collectors.joining("\n")).trim();
        sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        Object[] bound = Arrays.stream(parameters).map(p -> p instanceof Instant i ? bindable(f, i) : p).toArray();
        return query(f, sql, bound);
    }

    /** Rows as lists: timestamps as instants, dates as LocalDate, decimals without trailing zeros, integers as long. */
    static List<List<Object>> query(MirrorFixture f, String sql, Object... parameters) {
        try (Connection c = f.mirror.dataSource().getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        int type = rs.getMetaData().getColumnType(i);
                        Object v;
                        if (type == java.sql.Types.TIMESTAMP || type == java.sql.Types.TIMESTAMP_WITH_TIMEZONE) {
                            v = f.mirror.vendor().readInstant(rs, rs.getMetaData().getColumnLabel(i));
                        } else {
                            v = rs.getObject(i);
                        }
                        if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate();
                        } else if (v instanceof String day && f.mirror.vendor() == MirrorVendor.SQLITE
                                && day.matches("\\d{4}-\\d{2}-\\d{2}")) {
                            v = java.time.LocalDate.parse(day); // SQLite's dates are YYYY-MM-DD text
                        } else if (v instanceof Double real && f.mirror.vendor() == MirrorVendor.SQLITE) {
                            // SQLite's NUMERIC holds a fraction as a REAL (a double), not as a DECIMAL.
                            v = java.math.BigDecimal.valueOf(real).stripTrailingZeros();
                        } else if (v instanceof java.math.BigDecimal n) {
                            v = n.scale() > 0 && n.stripTrailingZeros().scale() <= 0 ? (Object) n.longValueExact()
                                    : n.scale() > 0 ? n.stripTrailingZeros() : (Object) n.longValueExact();
                        } else if (v instanceof Number n && !(v instanceof Double)) {
                            v = n.longValue();
                        }
                        row.add(v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
