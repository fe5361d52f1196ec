package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.sandbox.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** The nine cases of the hostile-files issue, each as a user would meet it. */
class ImportHostileFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path file(String name, String content) throws Exception {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<List<String>> rows(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ContactCsvReader reader = ContactCsvReader.open(file)) {
            rows.add(reader.header());
            reader.forEachRemaining(r -> rows.add(r.values()));
        }
        return rows;
    }

    private static List<Map<String, String>> records(Path file) throws Exception {
        List<List<String>> rows = rows(file);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < rows.get(0).size(); i++) {
                m.put(rows.get(0).get(i), i < row.size() ? row.get(i) : null);
            }
            out.add(m);
        }
        return out;
    }

    private static String runStatus(ContactsSandbox env, long runId) throws Exception {
        try (Connection c = env.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM import_runs WHERE id = " + runId)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> phonesOf(JsonNode contact) {
        List<String> phones = new ArrayList<>();
        contact.path("phone").forEach(p -> phones.add(p.path("phone").asText() + (p.path("isPrimary").asBoolean() ? "*" : "")));
        return phones;
    }

    /** Case 1. */
    @Test
    void commonPhoneFormatsWithExtensionsAreAccepted() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("phones.csv", "name,phones\n"
                    + "Paren Phone,*(212) 555-0100\n"
                    + "Intl Phone,*+1 (212) 555-0101 ext. 12\n"
                    + "Ext Phone,*212-555-0102 x12|212/555/0103 #7\n");

            ImportReport report = env.importFile(csv, false);

            assertThat(report.exitCode()).isZero();
            assertThat(report.counts().created()).isEqualTo(3);
            assertThat(phonesOf(env.contactNamed("Paren Phone"))).containsExactly("(212) 555-0100*");
            assertThat(phonesOf(env.contactNamed("Intl Phone"))).containsExactly("+1 (212) 555-0101 ext. 12*");
            assertThat(phonesOf(env.contactNamed("Ext Phone"))).containsExactly("212-555-0102 x12*", "212/555/0103 #7");
        }
    }

    /** Case 2. */
    @Test
    void aNulByteFailsItsRowOnlyWithRowColumnAndReason() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("nul.csv", "name,emails,notes\nNul Person,*nul@example.com,before\u0000after\n"
                    + "Fine Person,*fine.nul@example.com,ok\n");

            ImportReport dry = env.importFile(csv, true);
            assertThat(dry.counts().invalid()).isEqualTo(1);

            ImportReport report = env.importFile(csv, false);

            assertThat(report.exitCode()).isEqualTo(ImportReport.EXIT_SOME_ROWS_FAILED);
            assertThat(report.counts().created()).isEqualTo(1);
            assertThat(report.counts().invalid()).isEqualTo(1);
            assertThat(runStatus(env, report.runId())).isEqualTo("partial");
            String error = records(report.errorsFile()).get(0).get("error");
            assertThat(error).contains("line 2, record 1, column notes").contains("U+0000").doesNotContain("\u0000");
            assertThat(env.contactsNamed("Fine Person")).isEqualTo(1);
            assertThat(env.contactsNamed("Nul Person")).isZero();
        }
    }

    /** Case 3. */
    @Test
    void anInvalidUtf8ByteFailsItsRowAndNamesItsLineAndOffset() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("name,emails\nFirst Byte,*first.byte@example.com\nBad ".getBytes(StandardCharsets.UTF_8));
            bytes.write(0xC3); // a lead byte with no continuation
            bytes.writeBytes("Byte,*bad.byte@example.com\nLast Byte,*last.byte@example.com\n".getBytes(StandardCharsets.UTF_8));
            Path csv = file("bytes.csv", bytes.toByteArray());

            ImportReport report = env.importFile(csv, false);

            assertThat(report.counts().created()).isEqualTo(2);
            assertThat(report.counts().invalid()).isEqualTo(1);
            String error = records(report.errorsFile()).get(0).get("error");
            assertThat(error).contains("line 3, record 2").contains("not UTF-8").contains("byte offset 51");
            assertThat(env.contactsNamed("First Byte")).isEqualTo(1);
            assertThat(env.contactsNamed("Last Byte")).isEqualTo(1);
        }
    }

    /** Case 4. */
    @Test
    void rowsAreNamedByTheirPhysicalLineAndRecordNumber() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("lines.csv", "name,emails,address\n\n\nBad Email,not-an-email,\n"
                    + "Two Lines,*two.lines@example.com,\"1 Main St\nYangon\"\n"
                    + "Bad Too,also-bad,\n");

            ImportReport report = env.importFile(csv, true);

            assertThat(env.output()).contains("line 4, record 1, column emails: 'not-an-email' is not an email address")
                    .contains("line 7, record 3, column emails: 'also-bad' is not an email address");
        }
    }

    /** Case 5. */
    @Test
    void extraCellsMakeTheRowInvalidAndResultsFilesStayRectangular() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("extra.csv", "name,emails,notes\nToo Many,*too.many@example.com,a,b,c\n"
                    + "Too Few,*too.few@example.com\nJust Right,*just.right@example.com,n\n");

            ImportReport report = env.importFile(csv, false);

            assertThat(report.counts().created()).isEqualTo(2);
            assertThat(report.counts().invalid()).isEqualTo(1);
            assertThat(records(report.errorsFile()).get(0).get("error")).contains("line 2, record 1: expected 3 cells, found 5");
            for (Path results : List.of(report.successFile(), report.errorsFile())) {
                List<List<String>> rows = rows(results);
                assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(rows.get(0).size()));
                assertThat(rows.get(0)).startsWith("name", "emails", "notes").contains("action", "line");
            }
        }
    }

    /** Case 6. */
    @Test
    void validationRefusesWhatMailSystemsAndPhonesRefuse() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("weak.csv", "name,emails,phones\nStar,*,\nComma,a@b.c,om,\nScript,<script>@x.com,\n"
                    .replace("a@b.c,om", "\"a@b.c,om\"")
                    + "Long Phone,,1234567890123456789012345678901234567890\n");

            ImportReport report = env.importFile(csv, true);

            assertThat(report.counts().invalid()).isEqualTo(4);
            assertThat(env.output()).contains("line 2, record 1, column emails: a '*' marks a primary value but no value follows it")
                    .contains("'a@b.c,om' is not an email address: the domain")
                    .contains("'<script>@x.com' is not an email address: the part before @")
                    .contains("has 40 digits; a phone number has at most 15");
            // the sandbox applies the same definition
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.sandbox.baseUrl() + "/contacts"))
                    .header("Authorization", "Bearer " + env.sandbox.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"X\",\"email\":[{\"email\":\"<script>@x.com\",\"isPrimary\":true}],\"phone\":[]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.body()).contains("the part before @");
        }
    }

    /** Case 7. */
    @Test
    void resultsFilesKeepBomAndDelimiterAndGuardFormulas() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("excel.csv", "\uFEFFname;emails\n=HYPERLINK(\"http://x\");not-an-email\nမောင်မောင်;*maung@example.com\n");

            ImportReport report = env.importFile(csv, false);

            for (Path results : List.of(report.successFile(), report.errorsFile())) {
                byte[] content = Files.readAllBytes(results);
                assertThat(content).startsWith(0xEF, 0xBB, 0xBF);
                assertThat(new String(content, StandardCharsets.UTF_8)).startsWith("\uFEFFname;emails;");
            }
            assertThat(records(report.errorsFile()).get(0).get("name")).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(records(report.successFile()).get(0).get("name")).isEqualTo("မောင်မောင်");
        }
    }

    static final String OUTLOOK_HEADER = "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
            + "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,"
            + "Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,"
            + "Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,"
            + "Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,Business State,"
            + "Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,"
            + "Home Country/Region,Other Street,Other City,Other State,Other Postal Code,Other Country/Region,"
            + "Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes,Categories";

    static String outlookRow(Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        for (String column : OUTLOOK_HEADER.split(",")) {
            cells.add(values.getOrDefault(column, ""));
        }
        return String.join(",", cells);
    }

    /** Case 8, Outlook. */
    @Test
    void outlookHomeAddressAndEveryPhoneColumnAreRead() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("outlook-export.csv", OUTLOOK_HEADER + "\r\n" + outlookRow(Map.of("First Name", "Home", "Last Name", "Only",
                    "E-mail Address", "home.only@example.com", "Home City", "Mandalay", "Home Country/Region", "Myanmar",
                    "Home Phone 2", "09 111 222 333", "Other Phone", "09 444 555 666", "Primary Phone", "09 777 888 999",
                    "Mobile Phone", "09 000 111 222")) + "\r\n");

            ImportReport report = env.importFile(csv, false);

            assertThat(report.counts().created()).isEqualTo(1);
            JsonNode contact = env.contactNamed("Home Only");
            assertThat(contact.path("address").asText()).isEqualTo("Mandalay, Myanmar");
            assertThat(phonesOf(contact)).containsExactly("09 777 888 999*", "09 000 111 222", "09 111 222 333", "09 444 555 666");
            assertThat(env.output()).contains("Columns of outlook-export.csv the mapping 'outlook' does not use: [Title, Suffix");
        }
    }

    static final String GOOGLE_HEADER = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
            + "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
            + "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,"
            + "E-mail 2 - Value,E-mail 3 - Label,E-mail 3 - Value,E-mail 4 - Label,E-mail 4 - Value,Phone 1 - Label,"
            + "Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Phone 3 - Label,Phone 3 - Value,Phone 4 - Label,Phone 4 - Value,"
            + "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
            + "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
            + "Website 1 - Label,Website 1 - Value";

    static String googleRow(Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        for (String column : GOOGLE_HEADER.split(",")) {
            cells.add(values.getOrDefault(column, ""));
        }
        return String.join(",", cells);
    }

    /** Case 8, Google. */
    @Test
    void googleEveryNumberedEmailAndPhoneAndTheLabelsPolicy() throws Exception {
        String row = googleRow(Map.of("First Name", "Google", "Last Name", "Person", "Labels", "* myContacts ::: vip",
                "E-mail 1 - Value", "g1@example.com ::: g2@example.com", "E-mail 4 - Value", "g4@example.com",
                "Phone 1 - Value", "09 111 000 001 ::: 09 111 000 002", "Phone 4 - Value", "09 111 000 004"));
        try (ContactsSandbox env = new ContactsSandbox("h2", Map.of("import.labels", "ignore"))) {
            Path csv = file("google-export.csv", GOOGLE_HEADER + "\n" + row + "\n");

            ImportReport report = env.importFile(csv, false);

            assertThat(report.counts().created()).isEqualTo(1);
            JsonNode contact = env.contactNamed("Google Person");
            List<String> emails = new ArrayList<>();
            contact.path("email").forEach(e -> emails.add(e.path("email").asText()));
            assertThat(emails).containsExactly("g1@example.com", "g2@example.com", "g4@example.com");
            assertThat(phonesOf(contact)).containsExactly("09 111 000 001*", "09 111 000 002", "09 111 000 004");
            assertThat(contact.path("tags").size()).isZero();
            assertThat(env.output()).containsOnlyOnce("the mapping 'google-contacts' does not use:").contains("Labels");
        }
    }

    /** Case 9. */
    @Test
    void dryRunPrintsOnlyChangesAndShortensLongCells() throws Exception {
        String longNote = "n".repeat(10_000);
        for (boolean showUnchanged : List.of(false, true)) {
            try (ContactsSandbox env = new ContactsSandbox("h2", Map.of("import.dry-run.show-unchanged", String.valueOf(showUnchanged)))) {
                List<String> ids = new ArrayList<>(env.sandbox.store().contacts().ids()).subList(0, 3);
                StringBuilder csv = new StringBuilder("id,name,notes\n");
                for (String id : ids) {
                    csv.append(id).append(",\"").append(env.contact(id).path("name").asText().replace("\"", "\"\"")).append("\",\n");
                }
                csv.append(",Long Note,").append(longNote).append('\n');
                Path file = file("quiet.csv", csv.toString());

                ImportReport report = env.importFile(file, true);

                assertThat(report.counts().unchanged()).isEqualTo(3);
                String output = env.output();
                assertThat(output.lines().filter(l -> l.contains(": unchanged"))).hasSize(showUnchanged ? 3 : 0);
                assertThat(output).contains("line 5, record 4: create").doesNotContain(longNote).contains("n".repeat(20) + "…");
                assertThat(output.lines().filter(l -> l.startsWith("Dry run"))).hasSize(1);
                assertThat(records(report.planFile()).get(showUnchanged ? 3 : 3).get("changes")).contains(longNote);
            }
        }
    }

    /** Case 9: a broken quote no longer leaves the run in planning; it fails its row. */
    @Test
    void aBrokenQuoteFailsItsRowAndTheRunFinishes() throws Exception {
        try (ContactsSandbox env = new ContactsSandbox()) {
            Path csv = file("quote.csv", "name,emails\nBefore Quote,*before.quote@example.com\n\"Broken\"x,*broken@example.com\n"
                    + "After Quote,*after.quote@example.com\n");

            ImportReport report = env.importFile(csv, false);

            assertThat(runStatus(env, report.runId())).isEqualTo("partial");
            assertThat(report.counts().created()).isEqualTo(2);
            assertThat(records(report.errorsFile()).get(0).get("error")).contains("line 3, record 2").contains("quote");
        }
    }
}
