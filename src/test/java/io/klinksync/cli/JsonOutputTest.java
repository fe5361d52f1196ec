package io.klinksync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.KlinkProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** `--json` prints exactly one JSON document on stdout, with the documented fields (README: JSON output). */
class JsonOutputTest {

    private static final String TOKEN = "json-test-token-8a41";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static SandboxServer sandbox;
    static String mirror;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().profile("klink").port(0).token(TOKEN).contacts(120));
        mirror = "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath() + ";NON_KEYWORDS=VALUE";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void syncImportExportAndStatusEachPrintOneDocument() throws Exception {
        JsonNode sync = run(0, "sync", "--stream", "contact_fields", "--stream", "contacts");
        assertThat(sync.get("command").asText()).isEqualTo("sync");
        assertThat(sync.get("exit_code").asInt()).isZero();
        assertThat(sync.get("streams")).hasSize(2);
        JsonNode contacts = sync.get("streams").get(1);
        assertThat(contacts.get("stream").asText()).isEqualTo("contacts");
        assertThat(contacts.get("status").asText()).isEqualTo("success");
        assertThat(contacts.get("records").asLong()).isEqualTo(contacts.get("inserted").asLong()).isGreaterThanOrEqualTo(120);
        assertThat(fieldNames(contacts)).containsExactly("stream", "run_id", "status", "pages", "records", "inserted",
                "updated", "unchanged", "deleted", "delete_pending", "rejected", "error");

        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "name,emails\nJson One,*json.one@example.com\nbroken,*not-an-email\n", StandardCharsets.UTF_8);
        JsonNode imported = run(1, "import", csv.toString());
        assertThat(imported.get("command").asText()).isEqualTo("import");
        assertThat(imported.get("exit_code").asInt()).isEqualTo(1);
        assertThat(imported.get("rows").asLong()).isEqualTo(2);
        assertThat(imported.get("created").asLong()).isEqualTo(1);
        assertThat(imported.get("invalid").asLong()).isEqualTo(1);
        assertThat(imported.get("dry_run").asBoolean()).isFalse();
        assertThat(imported.get("success_file").asText()).endsWith("people.success.csv");

        Path out = dir.resolve("export.csv");
        JsonNode exported = run(0, "export", "contacts", "--out", out.toString());
        assertThat(exported.get("command").asText()).isEqualTo("export");
        assertThat(exported.get("rows").asLong()).isEqualTo(Files.readAllLines(out).size() - 1L);
        assertThat(exported.get("source").asText()).isEqualTo("mirror");

        JsonNode status = run(0, "status");
        assertThat(status.isObject()).isTrue();

        JsonNode failure = run(2, "sync", "--set", "sync.page-size=many");
        assertThat(failure.get("exit_code").asInt()).isEqualTo(2);
        assertThat(failure.get("error").asText()).contains("sync.page-size");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Runs the command with --json; stdout must be one JSON document and nothing else. */
    private static JsonNode run(int expectedExit, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--json", "--jdbc-url", mirror));
        if (!args[0].equals("status") && !args[0].equals("export")) {
            all.addAll(List.of("--base-url", sandbox.baseUrl(), "--set", "api.rate-limit=1000"));
        }
        Path stdout = dir.resolve("out" + System.nanoTime());
        Path stderr = dir.resolve("err" + System.nanoTime());
        KlinkProcess process = KlinkProcess.start(Map.of("KLINK_TOKEN", TOKEN), stdout, stderr, all.toArray(String[]::new));
        OptionalInt code = process.waitFor(Duration.ofSeconds(120));
        if (code.isEmpty()) {
            process.kill();
        }
        String out = Files.readString(stdout);
        assertThat(code).as("%s; stderr: %s", all, Files.readString(stderr)).hasValue(expectedExit);
        JsonNode document = JSON.readTree(out);
        assertThat(JSON.writeValueAsString(document).length()).as("stdout holds nothing but the document").isGreaterThan(2);
        assertThat(JSON.readerFor(JsonNode.class).readValues(out).readAll()).as("one document on stdout: %s", out).hasSize(1);
        return document;
    }
}
