package io.klinksync.contacts;

import io.klinksync.sandbox.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportValidationAndResultsTest {

    private static final String ARIA = "eefdaf75-ed19-4291-8e47-913f1205d02d";
    private static final String HEADER = "id,name,emails,phones,channel,tags,cf_tier,cf_lifetime_value,cf_birthday,favourite_colour\n";
    private static final String ROWS = HEADER
            + ",Valid Person,*valid.person@example.com,,,,gold,12,2020-12-31,\n"   // row 2: create
            + ",,*nameless@example.com,,,,,,,\n"                                   // row 3: no name
            + ",Bad Tier,,,,,diamond,,,\n"                                         // row 4: select option
            + ",Bad Number,,,,,,abc,,\n"                                           // row 5: number
            + ",Bad Date,,,,,,,31/12/2020,\n"                                      // row 6: date
            + ",Odd Column,,,,,,,,blue\n"                                          // row 7: unknown column
            + ",Twin,*valid.person@example.com,,,,,,,\n"                           // row 8: duplicate key
            + ",Bad Contact Points,not-an-email,call me,,,,,,\n"                   // row 9: email and phone
            + ",Bad Channel,,,pigeon,,,,,\n"                                       // row 10: channel option
            + ARIA + ",Aria ,,,,,,,,\n";                                           // row 11: unchanged

    @TempDir
    Path dir;
    @AutoClose
    final ContactsSandbox env = new ContactsSandbox();

    private Path csv(String content) throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<Map<String, String>> read(Path file) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (ContactCsvReader reader = ContactCsvReader.open(file)) {
            reader.forEachRemaining(r -> rows.add(new LinkedHashMap<>(r.cells())));
        }
        return rows;
    }

    @Test
    void invalidRowsAreReportedWithRowColumnAndReasonWhileValidRowsGo() throws Exception {
        ImportReport report = env.importFile(csv(ROWS), false);

        assertThat(report.exitCode()).isEqualTo(ImportReport.EXIT_SOME_ROWS_FAILED);
        assertThat(report.counts().created()).isEqualTo(1);
        assertThat(report.counts().unchanged()).isEqualTo(1);
        assertThat(report.counts().invalid()).isEqualTo(8);
        assertThat(env.writes()).singleElement().extracting(RecordedRequest::method).isEqualTo("POST");

        Map<String, String> errors = new LinkedHashMap<>();
        read(report.errorsFile()).forEach(r -> errors.put(r.get("name"), r.get("error")));
        assertThat(errors).hasSize(8);
        assertThat(errors.get("")).contains("line 3, record 2, column name: a new contact needs a name");
        assertThat(errors.get("Bad Tier")).contains("line 4, record 3, column cf_tier: 'diamond' is not an option of cf_tier");
        assertThat(errors.get("Bad Number")).contains("line 5, record 4, column cf_lifetime_value: 'abc' is not a number");
        assertThat(errors.get("Bad Date")).contains("line 6, record 5, column cf_birthday: '31/12/2020' is not a date");
        assertThat(errors.get("Odd Column")).contains("line 7, record 6, column favourite_colour: unknown column");
        assertThat(errors.get("Twin")).contains("line 8, record 7, column emails: duplicate key valid.person@example.com already used by line 2, record 1");
        assertThat(errors.get("Bad Contact Points")).contains("line 9, record 8, column emails: 'not-an-email' is not an email address")
                .contains("line 9, record 8, column phones: 'call me' is not a phone number");
        assertThat(errors.get("Bad Channel")).contains("line 10, record 9, column channel: 'pigeon' is not an option of channel");

        List<Map<String, String>> success = read(report.successFile());
        assertThat(success).extracting(r -> r.get("action")).containsExactly("create", "unchanged");
        // the results agree with the sandbox: the created id is a real contact with the row's values
        String createdId = success.get(0).get("import_id");
        assertThat(env.contact(createdId).path("name").asText()).isEqualTo("Valid Person");
        assertThat(success.get(1).get("import_id")).isEqualTo(ARIA);
        // ... and with the ledger
        try (Connection c = env.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_number, action, status, contact_id FROM import_rows ORDER BY row_number")) {
            List<String> ledger = new ArrayList<>();
            while (rs.next()) {
                ledger.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3) + ":" + rs.getString(4));
            }
            assertThat(ledger).hasSize(10).contains("2:create:done:" + createdId, "11:unchanged:done:" + ARIA, "4:invalid:failed:null");
        }
    }

    @Test
    void dryRunSendsNothingAndWritesThePlan() throws Exception {
        Path file = csv(ROWS.replace(ARIA + ",Aria ,,,,,,,,", ARIA + ",Aria the Second,,,,,,,,"));

        ImportReport report = env.importFile(file, true);

        assertThat(env.writes()).isEmpty();
        assertThat(report.counts().created()).isEqualTo(1);
        assertThat(report.counts().updated()).isEqualTo(1);
        List<Map<String, String>> plan = read(report.planFile());
        assertThat(plan).hasSize(10);
        assertThat(plan.get(0)).containsEntry("action", "create");
        assertThat(plan.get(9)).containsEntry("action", "update").containsEntry("id", ARIA)
                .containsEntry("specific_update_fields", "[\"name\"]")
                .containsEntry("changes", "name: 'Aria ' -> 'Aria the Second'");
        assertThat(plan.get(2)).containsEntry("action", "invalid");
        assertThat(env.output()).contains("line 11, record 10: update " + ARIA + " [name: 'Aria ' -> 'Aria the Second']");
        try (Connection c = env.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM import_rows")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aClientErrorOnOneRowFailsThatRowOnly() throws Exception {
        // a blank tag passes our checks but the API refuses it (422)
        Path file = csv("name,emails,tags\nTag Blank,*tag.blank@example.com,vip|  \nTag Fine,*tag.fine@example.com,vip\n");

        ImportReport report = env.importFile(file, false);

        assertThat(report.exitCode()).isEqualTo(ImportReport.EXIT_SOME_ROWS_FAILED);
        assertThat(report.counts().created()).isEqualTo(1);
        assertThat(report.counts().failed()).isEqualTo(1);
        assertThat(read(report.errorsFile())).singleElement().satisfies(r -> {
            assertThat(r.get("name")).isEqualTo("Tag Blank");
            assertThat(r.get("error")).startsWith("line 2: 422");
        });
        assertThat(env.contactsNamed("Tag Fine")).isEqualTo(1);
        assertThat(env.contactsNamed("Tag Blank")).isZero();
    }
}
