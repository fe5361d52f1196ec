package io.klinksync.contacts;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportRoundTripTest {

    @TempDir
    Path dir;
    @AutoClose
    final ContactsSandbox env = new ContactsSandbox();

    private long export(Path out, boolean live, boolean excel, boolean guard) {
        ContactExport export = new ContactExport(new MultiValue("|"));
        ContactExport.Options options = new ContactExport.Options(live, excel, guard);
        return live ? export.live(env.runtime.api(), env.runtime.profile(), out, options)
                : MirrorExport.run(env.runtime.settings(), env.runtime.database(), out, options);
    }

    @Test
    void exportThenImportSendsNoWriteRequest() {
        Path file = dir.resolve("all.csv");
        long rows = export(file, false, false, true);

        assertThat(rows).isEqualTo(env.sandbox.store().contacts().count());
        ImportReport report = env.importFile(file, false);

        assertThat(env.writes()).isEmpty();
        assertThat(report.counts().unchanged()).isEqualTo(rows);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void excelExportHasBomAndSemicolonsAndAlsoRoundTrips() throws Exception {
        Path file = dir.resolve("excel.csv");
        export(file, false, true, true);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("id;name;emails;phones;address;channel;notes;avatar_url;company;tags;cf_");
        ImportReport report = env.importFile(file, false);
        assertThat(env.writes()).isEmpty();
        assertThat(report.counts().invalid() + report.counts().failed()).isZero();
    }

    @Test
    void liveExportWalksTheApiAndMatchesTheMirrorExport() throws Exception {
        Path fromMirror = dir.resolve("mirror.csv");
        Path live = dir.resolve("live.csv");
        export(fromMirror, false, false, true);
        env.sandbox.clearRequests();

        export(live, true, false, true);

        assertThat(env.sandbox.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        assertThat(sortedLines(live)).isEqualTo(sortedLines(fromMirror));
    }

    private static List<String> sortedLines(Path file) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.sort(null);
        return lines;
    }

    @Test
    void formulasAreNeutralisedOnExportAndRestoredExactlyOnImport() throws Exception {
        Path create = dir.resolve("evil.csv");
        Files.writeString(create, "name,notes,phones\n"
                + "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",@SUM(A1),*+95 9 420 000 999\n", StandardCharsets.UTF_8);
        assertThat(env.importFile(create, false).counts().created()).isEqualTo(1);
        env.runtime.syncContacts();
        env.sandbox.clearRequests();

        Path file = dir.resolve("guarded.csv");
        export(file, false, false, true);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("'=HYPERLINK(").contains(",'@SUM(A1),").doesNotContain(",=HYPERLINK(");

        ImportReport again = env.importFile(file, false);
        assertThat(env.writes()).isEmpty();
        assertThat(again.counts().invalid()).isZero();

        Path raw = dir.resolve("raw.csv");
        export(raw, false, false, false);
        assertThat(Files.readString(raw, StandardCharsets.UTF_8)).contains("\"=HYPERLINK(");
    }
}
