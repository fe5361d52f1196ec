package io.klinksync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.api.Paging;
import io.klinksync.api.Profile;
import io.klinksync.cli.SyncCommand;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.service.Schedules;
import io.klinksync.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.klinksync.sync.SyncFixture.bool;
import static io.klinksync.sync.SyncFixture.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new flat stream is one declaration file (plus the path of the deployment that offers it): in a copy of the
 * config folder, streams/notes.stream.yaml and provider.notes.path are all that is added, and `klink-sync sync`
 * walks a sandbox list of notes into the mirror's notes table. No Java names the stream.
 */
class DeclaredStreamTest {

    static final List<String> VENDORS = TestDatabase.VENDORS;
    private static final String TOKEN = "declared-stream-token";
    private static final int NOTES = 25;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("VENDORS")
    void aStreamDeclaredInOneFileSyncsIntoItsTable(String vendor) throws Exception {
        Path config = copyOfTheConfigFolder();
        Files.writeString(config.resolve("streams").resolve("notes.stream.yaml"), """
                # The only file a new flat stream needs.
                name: notes
                description: Notes written on contacts; one flat row each.
                order: 60
                paging: cursor
                records: data
                primary-key: id
                schedule: "0 30 * * * ?"
                table: notes
                columns:
                  - { name: id,          type: text, length: 255 }
                  - { name: contact_id,  type: text, length: 255, index: true }
                  - { name: body,        type: text }
                  - { name: author_name, type: text, from: author.name }
                  - { name: author_key,  type: text, length: 255, lower-of: author_name, index: true }
                  - { name: is_pinned,   type: boolean }
                  - { name: created_at,  type: timestamp }
                """);
        Path profile = config.resolve("providers").resolve("klink.properties");
        Files.writeString(profile, Files.readString(profile) + "\nprovider.notes.path=/notes\n");

        Path notes = dir.resolve("notes.json");
        Files.writeString(notes, notesJson());
        try (TestDatabase database = TestDatabase.create(vendor);
             SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().port(0).token(TOKEN)
                     .listResource("/notes", notes, "cursor"))) {
            Map<String, String> values = new HashMap<>(Map.of("profile", "klink", "api.base-url", sandbox.baseUrl(),
                    "mirror.type", "jdbc", "mirror.jdbc.url", database.url(), "mirror.jdbc.user", database.user(),
                    "mirror.jdbc.password", database.password(), "api.rate-limit", "1000", "sync.page-size", "10"));
            Settings settings = Settings.load(config, Map.of(), values);

            List<SyncRun> runs = SyncCommand.syncStreams(settings, ApiToken.of(TOKEN), List.of("notes"));

            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.stream()).isEqualTo("notes");
                assertThat(run.status()).as(run.toString()).isEqualTo("success");
            });
            assertThat(count(database, "SELECT COUNT(*) FROM notes")).isEqualTo(NOTES);
            assertThat(count(database, "SELECT COUNT(*) FROM notes WHERE deleted_at IS NULL")).isEqualTo(NOTES);
            assertThat(count(database, "SELECT pages FROM sync_runs WHERE stream = 'notes'")).isEqualTo(3);
            Map<String, Object> seventh = row(database, "SELECT * FROM notes WHERE id = 'note-07'");
            assertThat(seventh.get("contact_id")).isEqualTo("contact-1");
            assertThat(seventh.get("body")).isEqualTo("Note 7: called back ");
            assertThat(seventh.get("author_name")).isEqualTo("Author 7");
            assertThat(bool(seventh.get("is_pinned"))).isFalse();
            assertThat(instant(seventh.get("created_at"))).isEqualTo(Instant.ofEpochSecond(1_700_000_007L));
            assertThat(bool(row(database, "SELECT is_pinned FROM notes WHERE id = 'note-05'").get("is_pinned"))).isTrue();
            assertThat((String) seventh.get("raw_json")).contains("\"author\":{\"name\":\"Author 7\"}");
            // A lower-of column of a stream's own table: the database's lower case, or on SQLite the writer's.
            assertThat(seventh.get("author_key")).isEqualTo("author 7");
            assertThat(row(database, "SELECT author_key FROM notes WHERE id = 'note-08'").get("author_key"))
                    .isEqualTo("émile ünal 8");

            // The declaration is the stream's schedule and paging too; its settings are known keys like any stream's.
            Profile offered = Profile.from(settings);
            assertThat(offered.stream("notes").paging()).isEqualTo(Paging.CURSOR);
            assertThat(Schedules.of(settings, offered).cron("notes")).isEqualTo("0 30 * * * ?");
            values.put("sync.notes.cron", "0 0/5 * * * ?");
            Settings overridden = Settings.load(config, Map.of(), values);
            assertThat(Schedules.of(overridden, Profile.from(overridden)).cron("notes")).isEqualTo("0 0/5 * * * ?");
        }
    }

    /** The shipped config folder, copied, so the test adds to it what a user would. */
    private Path copyOfTheConfigFolder() throws IOException {
        Path source = Path.of("config");
        Path copy = dir.resolve("config");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        // The routes sit beside the config folder, as in a checkout; they are the shipped ones, unchanged.
        Files.createSymbolicLink(dir.resolve("routes"), Path.of("routes").toAbsolutePath());
        return copy;
    }

    private static String notesJson() {
        ObjectMapper json = new ObjectMapper();
        ArrayNode notes = json.createArrayNode();
        for (int i = 1; i <= NOTES; i++) {
            ObjectNode note = notes.addObject();
            note.put("id", String.format("note-%02d", i));
            note.put("contact_id", "contact-" + (i % 3));
            note.put("body", "Note " + i + ": called back ");
            note.putObject("author").put("name", i == 8 ? "ÉMILE ÜNAL 8" : "Author " + i);
            note.put("is_pinned", i % 5 == 0);
            note.put("created_at", 1_700_000_000L + i);
        }
        return notes.toString();
    }

    private static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Object> row(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Map<String, Object> row = new HashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
            }
            return row;
        }
    }
}
