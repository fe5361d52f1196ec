package io.klinksync.streams;

import io.klinksync.api.Paging;
import io.klinksync.config.ConfigurationException;
import io.klinksync.mirror.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamDeclarationsTest {

    @Test
    void shippedDeclarationsListEveryStreamInSyncOrder() {
        StreamDeclarations declared = StreamDeclarations.load(Path.of("config", StreamDeclarations.DIR));
        assertThat(declared.names()).containsExactly("contact_fields", "contact_groups", "contacts", "groups", "conversations");
        StreamDeclaration contacts = declared.get("contacts");
        assertThat(contacts.paging()).isEqualTo(Paging.PAGE);
        assertThat(contacts.table().name()).isEqualTo("contacts");
        assertThat(contacts.children()).extracting(TableDeclaration::name)
                .containsExactly("contact_emails", "contact_phones", "contact_tags", "contact_custom_field_values");
        TableDeclaration emails = contacts.children().get(0);
        assertThat(emails.parentKey()).isEqualTo("contact_id");
        assertThat(emails.position()).isTrue();
        assertThat(emails.writtenColumns()).extracting(ColumnDeclaration::name).containsExactly("email", "is_primary");
        assertThat(contacts.shared()).extracting(TableDeclaration::name).containsExactly("companies");
        assertThat(declared.get("groups").table().name()).isEqualTo("chat_groups");
        assertThat(declared.get("conversations").table().columns().get(6).type()).isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void aMistypedKeyIsOneLineNamingFileAndKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.stream.yaml"), """
                name: notes
                paging: page
                schedule: "0 0 * * * ?"
                colums:
                  - { name: id, type: text }
                """);
        assertThatThrownBy(() -> StreamDeclarations.load(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("notes.stream.yaml")
                .hasMessageContaining("unknown key 'colums'");
    }

    @Test
    void aWrongColumnTypeNamesWhereItIs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.stream.yaml"), """
                name: notes
                paging: page
                schedule: "0 0 * * * ?"
                columns:
                  - { name: id, type: text }
                  - { name: body, type: blob }
                """);
        assertThatThrownBy(() -> StreamDeclarations.load(dir))
                .hasMessageContaining("'columns[1].type' is 'blob'; expected text, boolean, integer or timestamp");
    }
}
