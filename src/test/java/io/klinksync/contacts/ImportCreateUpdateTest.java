package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.sandbox.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCreateUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seed contact "Aria " of samples/sandbox/contacts.json. */
    private static final String ARIA = "eefdaf75-ed19-4291-8e47-913f1205d02d";

    @TempDir
    Path dir;
    @AutoClose
    final ContactsSandbox env = new ContactsSandbox();

    private Path csv(String content) throws Exception {
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void newRowIsCreatedWithTagsAsNamesCompanyAsStringAndCustomFieldsObject() throws Exception {
        Path file = csv("id,name,emails,phones,company,tags,cf_sector,cf_tier,cf_lifetime_value\n"
                + ",ကျော်ကျော် သစ်,*kyaw@example.com|kyaw.work@example.com,+95 9 420 000 111,K-Link,vip|platinum,Retail,gold,1500.50\n");

        ImportReport report = env.importFile(file, false);

        assertThat(report.exitCode()).isZero();
        assertThat(report.counts().created()).isEqualTo(1);
        List<RecordedRequest> writes = env.writes();
        assertThat(writes).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/contacts");
        });
        JsonNode body = JSON.readTree(writes.get(0).body());
        assertThat(body).isEqualTo(JSON.readTree("""
                {"name":"ကျော်ကျော် သစ်",
                 "email":[{"email":"kyaw@example.com","isPrimary":true},{"email":"kyaw.work@example.com","isPrimary":false}],
                 "phone":[{"phone":"+95 9 420 000 111","isPrimary":false}],
                 "company":"K-Link","tags":["vip","platinum"],
                 "customFields":{"cf_sector":"Retail","cf_tier":"gold","cf_lifetime_value":1500.50}}"""));
        JsonNode created = env.contactNamed("ကျော်ကျော် သစ်");
        assertThat(created).isNotNull();
        assertThat(created.path("company").path("name").asText()).isEqualTo("K-Link");
    }

    @Test
    void updateSendsExactlyTheChangedFields() throws Exception {
        // Aria: name "Aria ", address Dagon Seikkan Township, phone *09797877765, email mistercustomer@gmail.com,
        // tags platinum, company Cool Entreprise, cf_sector Finance
        Path file = csv("id,name,address,notes,tags,company,cf_sector\n"
                + ARIA + ",Aria ,Dagon Seikkan Township,Called back,platinum|vip,Cool Entreprise,Banking\n");

        ImportReport report = env.importFile(file, false);

        assertThat(report.exitCode()).isZero();
        assertThat(report.counts().updated()).isEqualTo(1);
        RecordedRequest put = env.writes().get(0);
        assertThat(env.writes()).hasSize(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/api/v1/contacts/" + ARIA);
        assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree("""
                {"notes":"Called back","tags":["platinum","vip"],"customFields":{"cf_sector":"Banking"},
                 "specific_update_fields":["notes","tags","customFields"]}"""));
        JsonNode aria = env.contact(ARIA);
        assertThat(aria.path("notes").asText()).isEqualTo("Called back");
        assertThat(aria.path("address").asText()).isEqualTo("Dagon Seikkan Township");
    }

    @Test
    void upsertMatchesByPrimaryEmailOrPhoneAndCreatesTheRest() throws Exception {
        Path file = csv("name,emails,phones,notes\n"
                + "Aria ,,*09797877765,matched by phone\n"
                + "Brand New,*brand.new@example.com,,\n");

        ImportReport report = env.importFile(file, false);

        assertThat(report.counts().updated()).isEqualTo(1);
        assertThat(report.counts().created()).isEqualTo(1);
        assertThat(env.writes()).extracting(RecordedRequest::method).containsExactlyInAnyOrder("PUT", "POST");
        RecordedRequest put = env.writes().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.path()).endsWith(ARIA);
        assertThat(JSON.readTree(put.body()).path("specific_update_fields")).isEqualTo(JSON.readTree("[\"notes\"]"));
    }

    @Test
    void blankCellsKeepFieldsUnlessClearIsAsked() throws Exception {
        Path file = csv("id,name,address,notes,company\n" + ARIA + ",Aria ,,,\n");

        ImportReport keep = env.importFile(file, false);
        assertThat(keep.counts().unchanged()).isEqualTo(1);
        assertThat(env.writes()).isEmpty();

        Files.writeString(file, "id,name,address,notes,company\n" + ARIA + ",Aria , , ,\n", StandardCharsets.UTF_8);
        ImportReport clear = env.importFile(file, false, env.settings().withBlanks(BlankPolicy.parse("clear:address,company")));
        assertThat(clear.counts().updated()).isEqualTo(1);
        assertThat(JSON.readTree(env.writes().get(0).body())).isEqualTo(JSON.readTree("""
                {"address":null,"company":null,"specific_update_fields":["address","company"]}"""));
        assertThat(env.contact(ARIA).path("address").isNull()).isTrue();
        assertThat(env.contact(ARIA).path("company").isNull()).isTrue();
    }
}
