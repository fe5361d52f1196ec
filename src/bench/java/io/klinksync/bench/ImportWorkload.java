package io.klinksync.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The import benchmark's work, in two forms that must mean the same: a contacts CSV for `klink-sync import`
 * (rows alternate between an update of an existing contact's notes and a new contact), and the requests the
 * import is expected to send for it (PUT with specific_update_fields [notes]; POST with the new contact).
 */
public final class ImportWorkload {

    public static final List<String> HEADER = List.of("id", "name", "emails", "phones", "address", "channel", "notes",
            "avatar_url", "company", "tags");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ADDRESS = "Hlaing Township, Yangon";
    private static final String CHANNEL = "email";
    private static final String COMPANY = "Bench Trading";
    private static final String TAG = "bench";
    /** Phone numbers of new contacts start here, far from the synthetic contacts' 09400000000 range. */
    private static final long FIRST_PHONE = 9_800_000_000L;

    /** One request of the plain loop: method, path below the base URL, JSON body. */
    public record Request(String method, String path, String body) {
    }

    private final List<String> existingIds;
    private final int rows;

    /** {@code rows} rows, half of them updates of {@code existingIds} (which must hold at least half). */
    public ImportWorkload(List<String> existingIds, int rows) {
        if (existingIds.size() < updates(rows)) {
            throw new BenchException("The import benchmark needs " + updates(rows) + " existing contacts, the sandbox has "
                    + existingIds.size());
        }
        this.existingIds = existingIds;
        this.rows = rows;
    }

    public static int updates(int rows) {
        return (rows + 1) / 2;
    }

    public static int creates(int rows) {
        return rows / 2;
    }

    public void writeCsv(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).build())) {
            for (int r = 0; r < rows; r++) {
                int i = r / 2;
                if (r % 2 == 0) {
                    csv.printRecord(existingIds.get(i), "", "", "", "", "", notes(i), "", "", "");
                } else {
                    csv.printRecord("", name(i), "*" + email(i), "*" + phone(i), ADDRESS, CHANNEL, notes(i), "", COMPANY, TAG);
                }
            }
        } catch (IOException e) {
            throw new BenchException("Cannot write the import benchmark's CSV " + file + ": " + e.getMessage(), e);
        }
    }

    /** The requests, one per line: method, path and compact JSON body, tab-separated (JSON escapes any tab). */
    public void writeRequests(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Request r : requests()) {
                out.write(r.method() + "\t" + r.path() + "\t" + r.body() + "\n");
            }
        } catch (IOException e) {
            throw new BenchException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Request> readRequests(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> line.split("\t", 3))
                .map(f -> new Request(f[0], f[1], f[2])).toList();
    }

    public List<Request> requests() {
        List<Request> requests = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int i = r / 2;
            ObjectNode body = JSON.objectNode();
            if (r % 2 == 0) {
                body.put("notes", notes(i));
                body.putArray("specific_update_fields").add("notes");
                requests.add(new Request("PUT", "/contacts/" + existingIds.get(i), body.toString()));
            } else {
                body.put("name", name(i));
                body.putArray("email").addObject().put("email", email(i)).put("isPrimary", true);
                body.putArray("phone").addObject().put("phone", phone(i)).put("isPrimary", true);
                body.put("address", ADDRESS);
                body.put("channel", CHANNEL);
                body.put("notes", notes(i));
                body.put("company", COMPANY);
                body.putArray("tags").add(TAG);
                requests.add(new Request("POST", "/contacts", body.toString()));
            }
        }
        return requests;
    }

    private static String name(int i) {
        return "Bench Contact " + i;
    }

    private static String email(int i) {
        return "bench.contact." + i + "@example.com";
    }

    private static String phone(int i) {
        return "0" + (FIRST_PHONE + i);
    }

    private static String notes(int i) {
        return "Benchmark note " + i;
    }
}
