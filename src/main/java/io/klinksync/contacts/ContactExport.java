package io.klinksync.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.api.Profile;
import io.klinksync.runtime.StopSignal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes contacts in the import format with --live, streamed one contact at a time from the API's contact list
 * walked page by page through direct:api (the export from the mirror is the route of routes/export.camel.yaml,
 * see {@link MirrorExport}). Custom field columns come from the contact fields. The target is replaced only by a
 * complete export: a failure or a stop (SIGTERM, Ctrl-C, checked between contacts) leaves it as it was.
 */
public final class ContactExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where rows come from and how they are written. */
    public record Options(boolean live, boolean excel, boolean formulaGuard) {
    }

    private final MultiValue multiValue;

    public ContactExport(MultiValue multiValue) {
        this.multiValue = multiValue;
    }

    /** From the API (GET contact fields, then every page of contacts). */
    public long live(ApiSender api, Profile profile, Path out, Options options) {
        List<JsonNode> fields = new ArrayList<>();
        if (profile.offers("contact_fields")) {
            walk(api, profile.stream("contact_fields").path(), profile.maxPageSize(), fields::add);
        }
        String contacts = profile.stream("contacts").path();
        return write(out, options, ContactFieldCatalog.fromJson(fields), c -> walk(api, contacts, profile.maxPageSize(), c));
    }

    private long write(Path out, Options options, ContactFieldCatalog catalog, Consumer<Consumer<JsonNode>> source) {
        // Sorted by column so the mirror and the live API (which list fields in different orders) give one layout.
        List<ContactField> custom = catalog.customFields().stream()
                .sorted(java.util.Comparator.comparing(ContactField::column)).toList();
        List<String> header = new ArrayList<>(ContactColumns.FIXED);
        custom.forEach(f -> header.add(f.column()));
        StopSignal stop = StopSignal.process();
        return WholeFile.write(out, temporary -> {
            try (ContactCsvWriter writer = ContactCsvWriter.create(temporary, header, options.excel(), options.formulaGuard())) {
                source.accept(contact -> {
                    stop.throwIfRequested("while exporting contacts");
                    Map<String, String> cells = ContactShape.cells(contact, custom, multiValue);
                    List<String> line = new ArrayList<>(header.size());
                    header.forEach(h -> line.add(cells.getOrDefault(h, "")));
                    writer.write(line);
                });
                return writer.rows();
            }
        });
    }

    /** Walks a page-numbered list endpoint until its lastPage. */
    private static void walk(ApiSender api, String path, int pageSize, Consumer<JsonNode> consumer) {
        int page = 1;
        int lastPage;
        do {
            JsonNode response = api.call("GET", path, "page=" + page + "&pageSize=" + pageSize, null);
            response.path("data").forEach(consumer);
            lastPage = response.path("lastPage").asInt(page);
            if (response.path("data").isEmpty()) {
                break;
            }
            page++;
        } while (page <= lastPage);
    }

    private static JsonNode read(String json, String path) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("GET " + path + " answered with something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
