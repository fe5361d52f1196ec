package io.klinksync.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Before a create whose outcome is unknown (the ledger says 'sending' or 'unknown': the process died or the
 * connection broke after the POST left) is sent again, looks for the contact it would have created with the
 * list endpoint's keyword search on its name, and accepts a contact with the same name, emails and phones.
 * This is what keeps a resumed import from ever creating a duplicate.
 */
public final class CreateOutcomeCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiSender api;
    private final String contactsPath;
    private final String nameField;
    private final int pageSize;

    public CreateOutcomeCheck(ApiSender api, String contactsPath, String nameField, int pageSize) {
        this.api = api;
        this.contactsPath = contactsPath;
        this.nameField = nameField;
        this.pageSize = pageSize;
    }

    /** The id of a contact matching the create body, if the API already has one. */
    public Optional<String> existing(String requestBody) {
        JsonNode body = read(requestBody);
        String name = body.path(nameField).asText("");
        if (name.isBlank()) {
            return Optional.empty();
        }
        String keyword = URLEncoder.encode(name.strip(), StandardCharsets.UTF_8);
        int page = 1;
        int lastPage = 1;
        do {
            JsonNode response = api.call("GET", contactsPath, "keyword=" + keyword + "&page=" + page
                    + "&pageSize=" + pageSize, null);
            for (JsonNode contact : response.path("data")) {
                if (matches(contact, body, name)) {
                    return Optional.of(contact.path("id").asText());
                }
            }
            lastPage = response.path("lastPage").asInt(page);
            page++;
        } while (page <= lastPage);
        return Optional.empty();
    }

    private static boolean matches(JsonNode contact, JsonNode body, String name) {
        return name.equals(contact.path("name").asText(null))
                && values(contact.path("email"), "email").containsAll(values(body.path("email"), "email"))
                && values(contact.path("phone"), "phone").containsAll(values(body.path("phone"), "phone"));
    }

    private static Set<String> values(JsonNode array, String key) {
        Set<String> out = new HashSet<>();
        array.forEach(e -> out.add(e.path(key).asText()));
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The API answered a contact search with something that is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
