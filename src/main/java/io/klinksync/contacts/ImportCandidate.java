package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A row as read and checked on its own: its wanted values in write shape (blank cells absent unless the blank
 * policy clears them), the id and the primary email and phone it names, and every error found so far (the
 * matching adds its own, so the list is mutable).
 */
record ImportCandidate(RowRef row, Map<String, JsonNode> values, String id, String primaryEmail, String primaryPhone,
                       List<RowError> errors) {

    /** The value of a match key (email or phone), or null when the row has none. */
    String keyValue(String matchKey) {
        return matchKey.equals("email") ? primaryEmail : primaryPhone;
    }

    /** The name the row gives, or null. */
    JsonNode name() {
        return values.get("name");
    }
}
