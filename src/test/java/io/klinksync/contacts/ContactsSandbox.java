package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.sandbox.RecordedRequest;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox API, a fresh mirror database synced from it, and the contacts runtime wired to both: the
 * environment every import and export test runs in. Output of the import is captured for assertions.
 */
final class ContactsSandbox implements AutoCloseable {

    final SandboxServer sandbox;
    final TestDatabase db;
    final ContactsRuntime runtime;
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    ContactsSandbox(String vendor, Map<String, String> overrides) {
        this(vendor, overrides, true);
    }

    /** synced false: the mirror starts empty, as on a first run. */
    ContactsSandbox(String vendor, Map<String, String> overrides, boolean synced) {
        sandbox = SandboxServer.start(overrides.containsKey("profile")
                ? SandboxOptions.defaults().profile(overrides.get("profile")) : SandboxOptions.defaults());
        db = TestDatabase.create(vendor);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("api.base-url", sandbox.baseUrl());
        values.put("mirror.type", "jdbc");
        values.put("mirror.jdbc.url", db.url());
        values.put("mirror.jdbc.user", db.user());
        values.put("mirror.jdbc.password", db.password());
        values.put("api.retry.initial-delay", "20");
        values.put("api.retry.max-delay", "200");
        values.put("api.retry-after.cap", "1000");
        values.put("api.rate-limit", "1000");
        values.putAll(overrides);
        Settings settings = Settings.load(Path.of("config"), Map.of(), values);
        runtime = ContactsRuntime.open(settings, ApiToken.of(sandbox.token()));
        if (synced) {
            runtime.syncContacts();
        }
        sandbox.clearRequests();
    }

    ContactsSandbox() {
        this("h2", Map.of());
    }

    ImportSettings settings() {
        return ImportSettings.from(runtime.settings());
    }

    ImportReport importFile(Path file, boolean dryRun) {
        return importFile(file, dryRun, settings());
    }

    ImportReport importFile(Path file, boolean dryRun, ImportSettings settings) {
        return runtime.importer(settings, out).run(file, dryRun, null);
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Requests that change something (POST, PUT, PATCH, DELETE) the sandbox received. */
    List<RecordedRequest> writes() {
        return sandbox.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    JsonNode contact(String id) {
        return sandbox.store().contacts().get(id);
    }

    /** The first sandbox contact whose name is exactly this. */
    JsonNode contactNamed(String name) {
        for (String id : sandbox.store().contacts().ids()) {
            JsonNode c = sandbox.store().contacts().get(id);
            if (name.equals(c.path("name").asText(null))) {
                return c;
            }
        }
        return null;
    }

    long contactsNamed(String name) {
        return sandbox.store().contacts().ids().stream()
                .filter(id -> name.equals(sandbox.store().contacts().get(id).path("name").asText(null))).count();
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            try {
                sandbox.close();
            } finally {
                db.close();
            }
        }
    }
}
