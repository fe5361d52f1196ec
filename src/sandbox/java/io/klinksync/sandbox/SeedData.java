package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads samples/sandbox/STREAM.json (a JSON array of records in the read shape) into the store: from the
 * folder on disk when it exists, else from the copy the build puts on the classpath under sandbox/.
 */
final class SeedData {

    /** The documented example spells the display name of cf_sector with a stray backtick; kept byte-exact. */
    static final String SECTOR_DISPLAY_NAME = "sector`";
    static final String CLASSPATH_FOLDER = "sandbox/";

    private SeedData() {
    }

    /**
     * Loads the seed records. Contact fields are the account's configuration rather than data, so they load
     * even without seed data: synthetic contacts and write validation need them.
     */
    static void load(SandboxStore store, Path dir, boolean records) {
        load(store, dir, SandboxStore.CONTACT_FIELDS);
        if (!records) {
            return;
        }
        for (String stream : new String[]{SandboxStore.CONTACT_GROUPS, SandboxStore.CONTACTS,
                SandboxStore.GROUPS, SandboxStore.CONVERSATIONS}) {
            load(store, dir, stream);
        }
    }

    private static void load(SandboxStore store, Path dir, String stream) {
        String file = stream + ".json";
        JsonNode records = read(dir, file);
        if (!records.isArray()) {
            throw new IllegalStateException("Seed file " + file + " must hold a JSON array of " + stream + " records.");
        }
        RecordTable table = store.table(stream);
        for (JsonNode record : records) {
            if (stream.equals(SandboxStore.CONTACTS)) {
                for (JsonNode tag : record.path("tags")) {
                    store.registerTag(tag.path("name").asText(), tag.path("id").asText());
                }
                store.registerCompany(record.get("company"));
            }
            table.insert(record);
        }
    }

    private static JsonNode read(Path dir, String file) {
        Path onDisk = dir == null ? null : dir.resolve(file);
        try {
            if (onDisk != null && Files.isRegularFile(onDisk)) {
                return SandboxResponse.JSON.readTree(onDisk.toFile());
            }
            try (InputStream in = SeedData.class.getClassLoader().getResourceAsStream(CLASSPATH_FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException("Seed file " + file + " is neither in " + dir + " nor on the classpath"
                            + " under " + CLASSPATH_FOLDER + "; run from the project folder or rebuild the jar.");
                }
                return SandboxResponse.JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Seed file " + (onDisk != null ? onDisk : file) + " is not valid JSON: "
                    + e.getMessage(), e);
        }
    }
}
