package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds what an import candidate matches. Its keys (the id, then the match keys in order) are checked against
 * the earlier rows of the same file, kept in the ledger's key table of the file so memory does not grow with
 * it; then the existing contact is looked up in the mirror: by id when the row has one, else by the first match
 * key that finds a contact.
 */
final class ContactMatcher {

    /**
     * Where the keys of the rows already planned are kept, so that a later row using one is a duplicate. Given a
     * batch's key uses in file order, returns for each use the earlier row that used the same key, or null.
     */
    interface FileKeys {
        List<RowRef> claim(List<KeyUse> uses);
    }

    /** One key (id:..., email:..., phone:...) used by one row. */
    record KeyUse(String key, RowRef row) {
    }

    /** A candidate with its keys in order. */
    record Keyed(ImportCandidate candidate, List<String> keys) {

        /** The key the plan names: the first key, else the name. */
        String matchKey() {
            if (!keys.isEmpty()) {
                return keys.get(0);
            }
            return candidate.name() == null ? null : "name:" + candidate.name().asText();
        }
    }

    private final ContactDirectory directory;
    private final List<String> matchKeys;
    private final FileKeys fileKeys;
    private final CellQuote cells;

    ContactMatcher(ContactDirectory directory, List<String> matchKeys, FileKeys fileKeys, CellQuote cells) {
        for (String key : matchKeys) {
            if (!key.equals("email") && !key.equals("phone")) {
                throw new IllegalArgumentException("import.match-keys holds '" + key + "'; accepted keys are email and phone.");
            }
        }
        this.directory = directory;
        this.matchKeys = List.copyOf(matchKeys);
        this.fileKeys = fileKeys;
        this.cells = cells;
    }

    List<String> matchKeys() {
        return matchKeys;
    }

    /**
     * The candidates of a batch, in file order, with their keys; a key an earlier row of the file used is an
     * error of the later row. One look-up for the whole batch.
     */
    List<Keyed> withFileKeys(List<ImportCandidate> candidates) {
        List<Keyed> keyed = new ArrayList<>(candidates.size());
        List<KeyUse> uses = new ArrayList<>();
        for (ImportCandidate candidate : candidates) {
            List<String> keys = keys(candidate);
            keys.forEach(k -> uses.add(new KeyUse(k, candidate.row())));
            keyed.add(new Keyed(candidate, keys));
        }
        List<RowRef> earlier = uses.isEmpty() ? List.of() : fileKeys.claim(uses);
        int use = 0;
        for (Keyed k : keyed) {
            for (String key : k.keys()) {
                RowRef first = earlier.get(use++);
                if (first != null) {
                    String column = key.startsWith("id:") ? ContactColumns.ID : key.startsWith("email:") ? ContactColumns.EMAILS : ContactColumns.PHONES;
                    k.candidate().errors().add(new RowError(k.candidate().row(), column, "duplicate key "
                            + cells.shorten(key.substring(key.indexOf(':') + 1))
                            + " already used by " + first + " of this file; merge the two rows"));
                }
            }
        }
        return keyed;
    }

    private List<String> keys(ImportCandidate candidate) {
        List<String> keys = new ArrayList<>();
        if (candidate.id() != null) {
            keys.add("id:" + candidate.id());
        }
        for (String key : matchKeys) {
            String value = candidate.keyValue(key);
            if (value != null) {
                keys.add(key + ":" + (key.equals("email") ? value.toLowerCase(Locale.ROOT) : value));
            }
        }
        return keys;
    }

    /** The existing contact in the mirror (read shape), if any; an unknown id or an ambiguous key is an error. */
    Optional<JsonNode> existing(ImportCandidate candidate) {
        RowRef row = candidate.row();
        if (candidate.id() != null) {
            Optional<JsonNode> byId = directory.byId(candidate.id());
            if (byId.isEmpty()) {
                candidate.errors().add(new RowError(row, ContactColumns.ID, "no contact with id " + cells.quote(candidate.id())
                        + " in the mirror; leave the id blank to create a new contact, or sync contacts first"));
            }
            return byId;
        }
        for (String key : matchKeys) {
            String value = candidate.keyValue(key);
            if (value == null) {
                continue;
            }
            List<JsonNode> found = key.equals("email") ? directory.byEmail(value) : directory.byPhone(value);
            if (found.size() == 1) {
                return Optional.of(found.get(0));
            }
            if (found.size() > 1) {
                List<String> ids = found.stream().map(c -> c.path("id").asText()).toList();
                candidate.errors().add(new RowError(row, key.equals("email") ? ContactColumns.EMAILS : ContactColumns.PHONES,
                        key + " " + cells.quote(value) + " matches " + found.size() + " contacts " + ids
                                + "; put the wanted contact's id in the id column"));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
