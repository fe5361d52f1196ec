package io.klinksync.contacts;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnMappingTest {

    private static final Path MAPPINGS = Path.of("config/mappings");
    private final MultiValue multiValue = new MultiValue("|");

    private List<Map<String, String>> mapped(Path file) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (ContactCsvReader reader = ContactCsvReader.open(file)) {
            ColumnMapping mapping = ColumnMapping.choose(reader.header(), null, MAPPINGS, multiValue);
            assertThat(mapping.isIdentity()).isFalse();
            reader.forEachRemaining(r -> rows.add(mapping.apply(r)));
        }
        return rows;
    }

    @Test
    void googleContactsExportIsDetectedAndMapped() {
        List<Map<String, String>> rows = mapped(Path.of("samples/contacts/google-contacts.csv"));
        assertThat(rows).hasSize(2);
        Map<String, String> aung = rows.get(0);
        assertThat(aung.get("name")).isEqualTo("Aung Kyaw");
        assertThat(aung.get("emails")).isEqualTo("*aung.kyaw@example.com|aung@work.example.com");
        assertThat(aung.get("phones")).isEqualTo("*+95 9 420 111 222");
        assertThat(aung.get("company")).isEqualTo("Cool Entreprise");
        assertThat(aung.get("tags")).isEqualTo("vip|platinum");
        assertThat(aung.get("notes")).isEqualTo("ဖောက်သည်ဟောင်း");
        assertThat(aung.get("address")).isEqualTo("No. 12, Bogyoke Road\nDagon Seikkan Township");
        assertThat(rows.get(1).get("phones")).isEqualTo("*09797877765|01 234 567");
        assertThat(rows.get(1).get("tags")).isEmpty();
    }

    @Test
    void outlookExportIsDetectedAndMapped() {
        List<Map<String, String>> rows = mapped(Path.of("samples/contacts/outlook.csv"));
        Map<String, String> frank = rows.get(0);
        assertThat(frank.get("name")).isEqualTo("Frank McCallister");
        assertThat(frank.get("emails")).isEqualTo("*frank@example.com");
        assertThat(frank.get("phones")).isEqualTo("*1-800-759-3000");
        assertThat(frank.get("address")).isEqualTo("1 Main St, Yangon, 11181, Myanmar");
        assertThat(frank.get("tags")).isEqualTo("vip|platinum");
        assertThat(rows.get(1).get("emails")).isEqualTo("*susu@example.com|su.work@example.com");
        assertThat(rows.get(1).get("phones")).isEqualTo("*+95 9 777 000 111|+95 1 555 123");
    }

    @Test
    void ourOwnFormatMapsOntoItselfAndUndoesTheFormulaGuard() {
        try (ContactCsvReader reader = ContactCsvReader.open(Path.of("samples/contacts/contacts.csv"))) {
            ColumnMapping mapping = ColumnMapping.choose(reader.header(), null, MAPPINGS, multiValue);
            assertThat(mapping.isIdentity()).isTrue();
            reader.next();
            Map<String, String> kyaw = mapping.apply(reader.next());
            assertThat(kyaw.get("phones")).isEqualTo("+95 9 420 000 111");
            assertThat(kyaw.get("name")).isEqualTo("ကျော်ကျော်");
        }
    }
}
