package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzz of the contacts import: generated files with random quoting, CR/LF/CRLF mixes, BOM or none, comma
 * or semicolon, bytes that are not UTF-8, NUL, long cells, extra and missing cells, blank lines, duplicate ids
 * and emails, Myanmar text and emoji. Whatever the file holds, the import must finish, account for every record
 * at its physical line, write rectangular results files, and the API must hold exactly the writes success.csv
 * lists. 12,000 rows on H2 (the default suite); 3,000 on PostgreSQL and MariaDB, to keep CI within minutes.
 */
class ImportFuzzTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    private static final String HEADER = "id,name,emails,phones,address,notes,tags";
    private static final int WIDTH = HEADER.split(",").length;
    /** Stands for one byte that is not UTF-8 until the file is encoded. */
    private static final char BAD_BYTE = '\uE000';
    private static final String[] NAMES = {"Aung Aung", "ကျော်ကျော်", "မောင်မောင် 🙂", "Thiri 🌸 Win", "O'Brien", "Zoë \"Z\" Lee",
            "=1+2", "Nay; Chi", "Su, Su", "  spaced  "};
    private static final String[] EOLS = {"\n", "\r\n", "\r"};

    @TempDir
    Path dir;

    /** What the generator wrote: the physical line each record starts on. */
    record Generated(Path file, List<Long> recordLines) {
    }

    @ParameterizedTest
    @FieldSource("VENDORS")
    void everyRowOfAHostileFileEndsAccountedForAtItsLine(String vendor) throws Exception {
        int rows = vendor.equals("h2") ? 6_000 : 1_500;
        try (ContactsSandbox env = new ContactsSandbox(vendor, Map.of("import.concurrency", "8"))) {
            List<String> ids = new ArrayList<>(env.sandbox.store().contacts().ids());
            for (long seed : new long[] {14, 1414}) {
                Generated generated = generate(dir.resolve("fuzz-" + seed + ".csv"), seed, rows, ids, seed == 14, seed == 14 ? ';' : ',');
                int contactsBefore = env.sandbox.store().contacts().ids().size();
                env.sandbox.clearRequests();

                ImportReport report = env.importFile(generated.file(), false);
                if (vendor.equals("h2") && seed == 14) {
                    // kept for the memory figure in docs/benchmarks.md
                    Files.copy(generated.file(), Path.of("target", "import-fuzz.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }

                check(env, generated, report, contactsBefore);
            }
        }
    }

    private static void check(ContactsSandbox env, Generated generated, ImportReport report, int contactsBefore) throws Exception {
        Map<Long, String> outcome = new HashMap<>();
        StringBuilder reasons = new StringBuilder();
        List<String> createdIds = new ArrayList<>();
        Set<String> updatedIds = new HashSet<>();
        for (Path results : List.of(report.successFile(), report.errorsFile())) {
            boolean success = results.equals(report.successFile());
            try (ContactCsvReader reader = ContactCsvReader.open(results)) {
                List<String> header = reader.header();
                assertThat(header).hasSize(WIDTH + 4);
                while (reader.hasNext()) {
                    CsvRow row = reader.next();
                    assertThat(row.values()).as("results line %s", row.rowNumber()).hasSize(WIDTH + 4);
                    assertThat(row.problems()).isEmpty();
                    long line = Long.parseLong(row.cell("line"));
                    String action = row.cell("action");
                    String previous = outcome.put(line, action);
                    assertThat(previous).as("line %s listed twice", line).isNull();
                    if (success) {
                        assertThat(action).isIn("create", "update", "unchanged");
                        if (action.equals("create")) {
                            createdIds.add(row.cell("import_id"));
                            JsonNode contact = env.contact(row.cell("import_id"));
                            assertThat(contact).as("created contact of line %s", line).isNotNull();
                            assertThat(contact.path("name").asText()).isEqualTo(FormulaGuard.unguard(row.cell("name")));
                        } else if (action.equals("update")) {
                            updatedIds.add(row.cell("import_id"));
                        }
                    } else {
                        assertThat(row.cell("error")).as("error of line %s", line).contains("line " + line);
                        reasons.append(row.cell("error")).append('\n');
                    }
                }
            }
        }
        // the file did hold every kind of damage, and it was named
        assertThat(reasons.toString()).contains("is not UTF-8", "U+0000", "U+0007", "cells, found", "duplicate key",
                "no value follows it", "is not an email address", "digits; a phone number has at most");
        assertThat(createdIds).isNotEmpty();
        assertThat(outcome.keySet()).as("every record accounted for at its line")
                .containsExactlyInAnyOrderElementsOf(generated.recordLines());
        List<RecordedRequest> writes = env.writes().stream().filter(r -> r.status() < 300).toList();
        List<RecordedRequest> posts = writes.stream().filter(r -> r.method().equals("POST")).toList();
        List<RecordedRequest> puts = writes.stream().filter(r -> !r.method().equals("POST")).toList();
        assertThat(posts).hasSize(createdIds.size());
        assertThat(new HashSet<>(createdIds)).hasSize(createdIds.size());
        assertThat(env.sandbox.store().contacts().ids()).hasSize(contactsBefore + createdIds.size());
        assertThat(puts).hasSize(updatedIds.size());
        assertThat(puts.stream().map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).toList())
                .containsExactlyInAnyOrderElementsOf(updatedIds);
    }

    /** Writes a file of {@code rows} records; existingIds are ids the API knows (some rows update them). */
    static Generated generate(Path file, long seed, int rows, List<String> existingIds, boolean bom, char delimiter) throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(HEADER.replace(',', delimiter)).append("\r\n");
        LineCounter lines = new LineCounter();
        lines.add(text);
        List<Long> recordLines = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            while (random.nextInt(40) == 0) {
                String blank = EOLS[random.nextInt(EOLS.length)];
                text.append(blank);
                lines.add(blank);
            }
            List<String> cells = row(random, seed, i, existingIds, emails);
            StringBuilder record = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) {
                    record.append(delimiter);
                }
                record.append(quote(cells.get(c), delimiter, random));
            }
            record.append(EOLS[random.nextInt(EOLS.length)]);
            recordLines.add(lines.line() + 1);
            lines.add(record);
            text.append(record);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (bom) {
            bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        String all = text.toString();
        int from = 0;
        for (int at = all.indexOf(BAD_BYTE); at >= 0; at = all.indexOf(BAD_BYTE, from)) {
            bytes.writeBytes(all.substring(from, at).getBytes(StandardCharsets.UTF_8));
            bytes.write(0xFF); // never valid in UTF-8
            from = at + 1;
        }
        bytes.writeBytes(all.substring(from).getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        return new Generated(file, recordLines);
    }

    private static List<String> row(Random random, long seed, int i, List<String> existingIds, List<String> emails) {
        String id = random.nextInt(10) == 0 ? existingIds.get(random.nextInt(existingIds.size())) : "";
        String name = NAMES[random.nextInt(NAMES.length)] + " " + seed + "-" + i;
        String email;
        int e = random.nextInt(20);
        if (e == 0 && !emails.isEmpty()) {
            email = "*" + emails.get(random.nextInt(emails.size())); // a duplicate inside the file
        } else if (e == 1) {
            email = random.nextBoolean() ? "*" : "<script>@x.com";
        } else if (e < 4) {
            email = "";
        } else {
            String address = "fuzz" + seed + "." + i + "@example.org";
            emails.add(address);
            email = "*" + address + (random.nextInt(5) == 0 ? "|other" + i + "@example.net" : "");
        }
        String phone = switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "*(212) 555-" + String.format("%04d", random.nextInt(10_000));
            case 2 -> "*+95 9 " + (100_000_000 + random.nextInt(899_999_999)) + (random.nextBoolean() ? " ext. 12" : "");
            case 3 -> random.nextInt(10) == 0 ? "1234567890123456789012345678901234567890" : "*09" + random.nextInt(1_000_000_000);
            default -> "*212/555/" + random.nextInt(10_000) + " x" + random.nextInt(100);
        };
        String address = random.nextInt(4) == 0 ? "No. " + i + ", Pyay Road" + EOLS[random.nextInt(EOLS.length)] + "Kamayut ရန်ကုန်" : "";
        String notes = switch (random.nextInt(60)) {
            case 0 -> "before\u0000after";
            case 1 -> "bad " + BAD_BYTE + " byte";
            case 2 -> "n".repeat(5_000 + random.nextInt(7_000)) + " 🙂";
            case 3 -> "bell\u0007";
            default -> random.nextBoolean() ? "" : "said \"hi\"; twice, " + i;
        };
        String tags = random.nextInt(3) == 0 ? "vip|ယုံကြည်" : "";
        List<String> cells = new ArrayList<>(List.of(id, name, email, phone, address, notes, tags));
        int shape = random.nextInt(50);
        if (shape == 0) {
            int extra = 1 + random.nextInt(random.nextInt(20) == 0 ? 3_000 : 5);
            for (int x = 0; x < extra; x++) {
                cells.add(random.nextBoolean() ? "" : "extra" + x);
            }
        } else if (shape == 1) {
            cells = new ArrayList<>(cells.subList(0, 2 + random.nextInt(WIDTH - 2)));
        }
        return cells;
    }

    /** Quotes a cell when it must be, and at random when it need not be. */
    private static String quote(String cell, char delimiter, Random random) {
        boolean must = cell.indexOf(delimiter) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        if (must || random.nextInt(4) == 0) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    /** Counts physical lines as editors and commons-csv do: CR, LF and CRLF each end one line. */
    private static final class LineCounter {
        private long breaks;
        private char previous;

        void add(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\r' || (c == '\n' && previous != '\r')) {
                    breaks++;
                }
                previous = c;
            }
        }

        /** Lines ended so far. */
        long line() {
            return breaks;
        }
    }
}
