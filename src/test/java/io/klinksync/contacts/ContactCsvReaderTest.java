package io.klinksync.contacts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactCsvReaderTest {

    @TempDir
    Path dir;

    private List<CsvRow> readAll(Path file) {
        List<CsvRow> rows = new ArrayList<>();
        try (ContactCsvReader reader = ContactCsvReader.open(file)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void bomSemicolonsCrlfMultiLineCellsAndMyanmarTextAreReadByteExact() throws Exception {
        Path file = dir.resolve("excel.csv");
        String content = "\uFEFFid;name;address;notes\r\n"
                + ";ကျော်ကျော်;\"No. 5, Pyay Road\r\nKamayut Township\";\"said \"\"hi\"\"; twice\"\r\n"
                + ";Aria ;Dagon Seikkan Township;\r\n";
        Files.writeString(file, content, StandardCharsets.UTF_8);

        try (ContactCsvReader reader = ContactCsvReader.open(file)) {
            assertThat(reader.delimiter()).isEqualTo(';');
            assertThat(reader.header()).containsExactly("id", "name", "address", "notes");
        }
        List<CsvRow> rows = readAll(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).rowNumber()).isEqualTo(2);
        assertThat(rows.get(0).cell("name")).isEqualTo("ကျော်ကျော်");
        assertThat(rows.get(0).cell("name").getBytes(StandardCharsets.UTF_8))
                .isEqualTo("ကျော်ကျော်".getBytes(StandardCharsets.UTF_8));
        assertThat(rows.get(0).cell("address")).isEqualTo("No. 5, Pyay Road\r\nKamayut Township");
        assertThat(rows.get(0).cell("notes")).isEqualTo("said \"hi\"; twice");
        // the next row is named by the physical line it starts on (the cell above spans two), and its record
        // number; trailing spaces survive
        assertThat(rows.get(1).rowNumber()).isEqualTo(4);
        assertThat(rows.get(1).record()).isEqualTo(2);
        assertThat(rows.get(1).cell("name")).isEqualTo("Aria ");
    }

    @Test
    void commaFilesWithLfAndNoBomAreReadToo() throws Exception {
        Path file = dir.resolve("plain.csv");
        Files.writeString(file, "id,name,notes\n,Kyaw,\"a;b\"\n", StandardCharsets.UTF_8);
        List<CsvRow> rows = readAll(file);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.cell("name")).isEqualTo("Kyaw");
            assertThat(r.cell("notes")).isEqualTo("a;b");
        });
    }

    @Test
    void duplicateHeaderNamesStopTheFileWithTheirName() throws Exception {
        Path file = dir.resolve("dup.csv");
        Files.writeString(file, "name,name\nA,B\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ContactCsvReader.open(file)).isInstanceOf(CsvFileException.class)
                .hasMessageContaining("name").hasMessageContaining("dup.csv");
    }

    @Test
    void bytesThatAreNotUtf8FailOnlyTheirRowNamingLineAndOffset() throws Exception {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "name\nJos\u00e9\nAna\n".getBytes(StandardCharsets.ISO_8859_1));
        List<CsvRow> rows = readAll(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).problems()).singleElement().asString()
                .contains("byte 0xE9 at byte offset 8 (line 2) is not UTF-8");
        assertThat(rows.get(1).problems()).isEmpty();
        assertThat(rows.get(1).cell("name")).isEqualTo("Ana");
    }

    @Test
    void aHeaderThatIsNotUtf8FailsTheFileWithLineAndOffset() throws Exception {
        Path file = dir.resolve("header.csv");
        Files.write(file, "nam\u00e9\nAna\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ContactCsvReader.open(file)).isInstanceOf(CsvFileException.class)
                .hasMessageContaining("header.csv").hasMessageContaining("line 1, byte offset 3");
    }
}
