package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** contacts_wide follows the contact field definitions, and a value that does not cast never fails a stream. */
class ContactsWideTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;

    private static ObjectNode field(String id, String systemName, String displayName, String type, boolean archived,
                                    String... options) {
        ObjectNode f = MirrorFixture.JSON.createObjectNode();
        f.put("id", id);
        f.put("system_name", systemName);
        f.put("display_name", displayName);
        f.put("type", type);
        f.put("is_default", false);
        f.put("is_archived", archived);
        ArrayNode o = f.putArray("options");
        for (String option : options) {
            o.addObject().put("value", option).put("label", option);
        }
        return f;
    }

    private static JsonNode contact(String id, String tier, String value, String birthday, String sector) {
        ObjectNode c = (ObjectNode) MirrorFixture.contact(id, "Contact " + id, "viber", null, null);
        ArrayNode fields = c.putArray("customFields");
        add(fields, "cf_tier", "select", tier);
        add(fields, "cf_lifetime_value", "number", value);
        add(fields, "cf_birthday", "date", birthday);
        add(fields, "cf_sector", "text", sector);
        return c;
    }

    private static void add(ArrayNode fields, String systemName, String type, String value) {
        if (value != null) {
            fields.addObject().put("system_name", systemName).put("type", type).put("value", value);
        }
    }

    private static SyncRun pass(JdbcMirrorWriter writer, String stream, List<JsonNode> records) {
        SyncRun run = writer.begin(stream, "klink");
        writer.write(run, records);
        return MirrorFixture.completeConfirmed(writer, run);
    }

    /** The view's own columns, as a report sees them. */
    private static List<String> viewColumns(MirrorFixture f) throws Exception {
        try (var c = f.mirror.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT * FROM contacts_wide WHERE 1 = 0")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            return names.subList(10, names.size());
        }
    }

    /** A contacts_wide row by lower-case column name, values as the driver gives them (decimals keep their scale). */
    private static Map<String, Object> wide(MirrorFixture f, String id) throws Exception {
        try (var c = f.mirror.dataSource().getConnection();
             var s = c.prepareStatement("SELECT * FROM contacts_wide WHERE id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                return row;
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void followsFieldsAddedRenamedArchivedAndRetypedAndSetsBadValuesAside(String vendor) throws Exception {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            ObjectNode tier = field("f1", "cf_tier", "Tier", "select", false, "gold", "silver");
            ObjectNode value = field("f2", "cf_lifetime_value", "Lifetime value", "number", false);
            ObjectNode birthday = field("f3", "cf_birthday", "Birthday", "date", false);
            ObjectNode sector = field("f4", "cf_sector", "Sector", "text", false);
            pass(writer, "contact_fields", List.of(tier, value, birthday));
            assertThat(viewColumns(f)).containsExactly("cf_tier", "cf_lifetime_value", "cf_birthday");

            SyncRun contacts = pass(writer, "contacts", List.of(
                    contact("a", "gold", "1250000.50", "1986-04-17", "Retail"),
                    contact("b", "silver", "id;id", "2023-02-29", null),
                    contact("c", null, "42", "2024-02-29T09:30:00Z", "Wholesale")));
            assertThat(contacts.status()).isEqualTo("success");
            assertThat(contacts.rejected.get()).isZero();
            Map<String, Object> a = wide(f, "a");
            assertThat(a.get("cf_tier")).isEqualTo("gold");
            assertThat(new BigDecimal(a.get("cf_lifetime_value").toString())).isEqualByComparingTo("1250000.5");
            assertThat(date(a.get("cf_birthday"))).isEqualTo(LocalDate.of(1986, 4, 17));
            Map<String, Object> b = wide(f, "b");
            assertThat(b.get("cf_lifetime_value")).isNull();
            assertThat(b.get("cf_birthday")).as("2023 has no 29 February").isNull();
            assertThat(date(wide(f, "c").get("cf_birthday"))).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(f.rows("SELECT contact_id, system_name, raw_value, expected_type FROM custom_field_cast_errors"
                    + " ORDER BY contact_id, system_name")).extracting(r -> r.get("contact_id"), r -> r.get("system_name"),
                    r -> r.get("raw_value"), r -> r.get("expected_type")).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("b", "cf_birthday", "2023-02-29", "date"),
                    org.assertj.core.groups.Tuple.tuple("b", "cf_lifetime_value", "id;id", "numeric"));

            // Added (sector), renamed (tier: same system_name, new display name), archived (birthday).
            tier.put("display_name", "Loyalty tier");
            birthday.put("is_archived", true);
            pass(writer, "contact_fields", List.of(tier, value, birthday, sector));
            assertThat(viewColumns(f)).containsExactly("cf_tier", "cf_lifetime_value", "cf_sector");
            assertThat(f.row("SELECT display_name FROM contacts_wide_columns WHERE column_name = 'cf_tier'")
                    .get("display_name")).isEqualTo("Loyalty tier");
            assertThat(wide(f, "c").get("cf_sector")).isEqualTo("Wholesale");
            assertThat(f.rows("SELECT system_name FROM custom_field_cast_errors")).extracting(r -> r.get("system_name"))
                    .containsExactly("cf_lifetime_value");

            // Retyped: lifetime value becomes text, so "id;id" is a value like any other.
            value.put("type", "text");
            pass(writer, "contact_fields", List.of(tier, value, birthday, sector));
            assertThat(wide(f, "b").get("cf_lifetime_value")).isEqualTo("id;id");
            assertThat(f.count("SELECT COUNT(*) FROM custom_field_cast_errors")).isZero();
            // Back to number, then a contact update fixes its value: its error goes with the bad value.
            value.put("type", "number");
            pass(writer, "contact_fields", List.of(tier, value, birthday, sector));
            assertThat(f.count("SELECT COUNT(*) FROM custom_field_cast_errors")).isEqualTo(1);
            pass(writer, "contacts", List.of(
                    contact("a", "gold", "1250000.50", "1986-04-17", "Retail"),
                    contact("b", "silver", "7", "2023-02-28", null),
                    contact("c", null, "42", "2024-02-29T09:30:00Z", "Wholesale")));
            assertThat(f.count("SELECT COUNT(*) FROM custom_field_cast_errors")).isZero();
            assertThat(new BigDecimal(wide(f, "b").get("cf_lifetime_value").toString())).isEqualByComparingTo("7");

            // An unchanged pass of the fields rewrites nothing; the shipped report runs as it is.
            long columnsBefore = f.count("SELECT COUNT(*) FROM contacts_wide_columns");
            pass(writer, "contact_fields", List.of(tier, value, birthday, sector));
            assertThat(f.count("SELECT COUNT(*) FROM contacts_wide_columns")).isEqualTo(columnsBefore);
            assertThat(RecordHistoryTest.report(f, vendor, "lifetime_value_by_tier")).containsExactly(
                    List.of("gold", 1L, new BigDecimal("1250000.5")), List.of("(none)", 1L, 42L), List.of("silver", 1L, 7L));
        }
    }

    /**
     * A number field's fractions come out of contacts_wide exactly, 16 significant digits included, on every vendor;
     * on SQLite as the text that was sent (what the sqlite3 shell shows), not as a double. The shipped report adds
     * them up.
     */
    @ParameterizedTest
    @FieldSource("VENDORS")
    void fractionalNumbersComeOutExactly(String vendor) throws Exception {
        try (MirrorFixture f = MirrorFixture.open(vendor); JdbcMirrorWriter writer = f.writer(DeleteMode.SOFT)) {
            pass(writer, "contact_fields", List.of(field("f1", "cf_tier", "Tier", "select", false),
                    field("f2", "cf_lifetime_value", "Lifetime value", "number", false)));
            Map<String, String> values = Map.of("a", "12.10", "b", "0.1", "c", "12345678901234.56", "d", "-0.5", "e", "42");
            List<JsonNode> contacts = new ArrayList<>();
            values.forEach((id, value) -> contacts.add(contact(id, "tier-" + id, value, null, null)));
            assertThat(pass(writer, "contacts", contacts).rejected.get()).isZero();

            for (Map.Entry<String, String> value : values.entrySet()) {
                try (var c = f.mirror.dataSource().getConnection();
                     var s = c.prepareStatement("SELECT cf_lifetime_value FROM contacts_wide WHERE id = ?")) {
                    s.setString(1, value.getKey());
                    try (var rs = s.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        String read = rs.getString(1);
                        assertThat(new BigDecimal(read)).as(value.getValue() + " read as " + read)
                                .isEqualByComparingTo(value.getValue());
                        if (vendor.equals("sqlite")) {
                            assertThat(read).isEqualTo(value.getValue());
                        }
                    }
                }
            }
            assertThat(f.count("SELECT COUNT(*) FROM custom_field_cast_errors")).isZero();
            assertThat(RecordHistoryTest.report(f, vendor, "lifetime_value_by_tier")).containsExactly(
                    List.of("tier-c", 1L, new BigDecimal("12345678901234.56")), List.of("tier-e", 1L, 42L),
                    List.of("tier-a", 1L, new BigDecimal("12.1")), List.of("tier-b", 1L, new BigDecimal("0.1")),
                    List.of("tier-d", 1L, new BigDecimal("-0.5")));
        }
    }

    private static LocalDate date(Object value) {
        if (value instanceof String day) {
            return LocalDate.parse(day); // SQLite: a date is its YYYY-MM-DD text
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    @Test
    void columnNamesAreSafeUniqueAndNeverAScalarColumn() {
        assertThat(WideContacts.columnNames(List.of("cf_tier", "CF Tier", "name", "name", "9lives", "မွေးနေ့", "x".repeat(80))))
                .containsExactly("cf_tier", "cf_tier_2", "name_2", "name_3", "cf_9lives", "field", "x".repeat(60));
    }
}
