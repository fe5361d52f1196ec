package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides, row by row and before anything is sent, what an import does: validates the cells against the
 * deployment's contact fields, finds the existing contact (id column, else the match keys in order), and
 * computes the create body, or the update body holding exactly the fields that differ from the mirror.
 * One planner serves one file: it remembers keys already seen so duplicates inside the file are caught.
 */
public final class ImportPlanner {

    /** What to do with rows that match, or do not match, an existing contact. */
    public enum Mode {
        CREATE_ONLY, UPDATE_ONLY, UPSERT;

        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Import mode '" + text + "' is not one of create-only, update-only, upsert.");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()./-]*$");
    /** Fewest digits a phone number can have (short service numbers). */
    private static final int PHONE_MIN_DIGITS = 3;

    private final ContactFieldCatalog catalog;
    private final ContactDirectory directory;
    private final Mode mode;
    private final BlankPolicy blanks;
    private final List<String> matchKeys;
    private final MultiValue multiValue;
    private final String createNameField;
    private final Map<String, Long> seenKeys = new HashMap<>();

    public ImportPlanner(ContactFieldCatalog catalog, ContactDirectory directory, Mode mode, BlankPolicy blanks,
                         List<String> matchKeys, MultiValue multiValue, String createNameField) {
        for (String key : matchKeys) {
            if (!key.equals("email") && !key.equals("phone")) {
                throw new IllegalArgumentException("import.match-keys holds '" + key + "'; accepted keys are email and phone.");
            }
        }
        this.catalog = catalog;
        this.directory = directory;
        this.mode = mode;
        this.blanks = blanks;
        this.matchKeys = List.copyOf(matchKeys);
        this.multiValue = multiValue;
        this.createNameField = createNameField;
    }

    /** The row's desired values in write shape; blank cells are absent unless the blank policy clears them. */
    private record Wanted(Map<String, JsonNode> values, String id, String primaryEmail, String primaryPhone) {
    }

    public RowPlan plan(long rowNumber, Map<String, String> cells) {
        List<RowError> errors = new ArrayList<>();
        Wanted wanted = read(rowNumber, cells, errors);

        List<String> keys = new ArrayList<>();
        if (wanted.id() != null) {
            keys.add("id:" + wanted.id());
        }
        for (String key : matchKeys) {
            String value = key.equals("email") ? wanted.primaryEmail() : wanted.primaryPhone();
            if (value != null) {
                keys.add(key + ":" + normalise(key, value));
            }
        }
        for (String key : keys) {
            Long first = seenKeys.putIfAbsent(key, rowNumber);
            if (first != null) {
                String column = key.startsWith("id:") ? ContactColumns.ID : key.startsWith("email:") ? ContactColumns.EMAILS : ContactColumns.PHONES;
                errors.add(new RowError(rowNumber, column, "duplicate key " + key.substring(key.indexOf(':') + 1)
                        + " already used by row " + first + " of this file; merge the two rows"));
            }
        }
        String matchKey = keys.isEmpty() ? (wanted.values().get("name") == null ? null : "name:" + wanted.values().get("name").asText()) : keys.get(0);
        if (!errors.isEmpty()) {
            return invalid(rowNumber, matchKey, null, errors);
        }

        Optional<JsonNode> existing = find(rowNumber, wanted, errors);
        if (!errors.isEmpty()) {
            return invalid(rowNumber, matchKey, null, errors);
        }
        if (existing.isEmpty()) {
            if (mode == Mode.UPDATE_ONLY) {
                errors.add(new RowError(rowNumber, null, "no existing contact matches this row (by id or " + matchKeys
                        + ") and the mode is update-only; use --mode upsert to create it"));
                return invalid(rowNumber, matchKey, null, errors);
            }
            return create(rowNumber, matchKey, wanted, errors);
        }
        String contactId = existing.get().path("id").asText();
        if (mode == Mode.CREATE_ONLY) {
            errors.add(new RowError(rowNumber, null, "contact " + contactId + " already exists (matched by " + matchKey
                    + ") and the mode is create-only; use --mode upsert to update it"));
            return invalid(rowNumber, matchKey, contactId, errors);
        }
        return update(rowNumber, matchKey, contactId, existing.get(), wanted, errors);
    }

    private RowPlan invalid(long rowNumber, String matchKey, String contactId, List<RowError> errors) {
        return new RowPlan(rowNumber, RowAction.INVALID, matchKey, contactId, null, List.of(), List.copyOf(errors));
    }

    private static String normalise(String key, String value) {
        return key.equals("email") ? value.toLowerCase(Locale.ROOT) : value;
    }

    private Optional<JsonNode> find(long rowNumber, Wanted wanted, List<RowError> errors) {
        if (wanted.id() != null) {
            Optional<JsonNode> byId = directory.byId(wanted.id());
            if (byId.isEmpty()) {
                errors.add(new RowError(rowNumber, ContactColumns.ID, "no contact with id " + wanted.id()
                        + " in the mirror; leave the id blank to create a new contact, or sync contacts first"));
            }
            return byId;
        }
        for (String key : matchKeys) {
            String value = key.equals("email") ? wanted.primaryEmail() : wanted.primaryPhone();
            if (value == null) {
                continue;
            }
            List<JsonNode> found = key.equals("email") ? directory.byEmail(value) : directory.byPhone(value);
            if (found.size() == 1) {
                return Optional.of(found.get(0));
            }
            if (found.size() > 1) {
                List<String> ids = found.stream().map(c -> c.path("id").asText()).toList();
                errors.add(new RowError(rowNumber, key.equals("email") ? ContactColumns.EMAILS : ContactColumns.PHONES,
                        key + " " + value + " matches " + found.size() + " contacts " + ids
                                + "; put the wanted contact's id in the id column"));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private RowPlan create(long rowNumber, String matchKey, Wanted wanted, List<RowError> errors) {
        Map<String, JsonNode> values = wanted.values();
        if (ContactShape.isEmpty(values.get("name"))) {
            errors.add(new RowError(rowNumber, ContactColumns.NAME, "a new contact needs a name"));
        }
        for (ContactField f : catalog.all()) {
            if (f.required() && !f.archived() && !f.column().equals(ContactColumns.NAME)
                    && ContactShape.isEmpty(values.get(key(f.column())))) {
                errors.add(new RowError(rowNumber, f.column(), "field '" + f.systemName()
                        + "' is required by the deployment's contact fields; give it a value"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(rowNumber, matchKey, null, errors);
        }
        ObjectNode body = ContactShape.object();
        body.set(createNameField, values.get("name"));
        body.set("email", values.getOrDefault("email", ContactShape.JSON.arrayNode()));
        body.set("phone", values.getOrDefault("phone", ContactShape.JSON.arrayNode()));
        ObjectNode custom = null;
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            String key = e.getKey();
            if (ContactShape.isEmpty(e.getValue())) {
                continue;
            }
            archived(rowNumber, key, errors);
            changes.add(new FieldChange(displayField(key), "", display(key, e.getValue())));
            if (key.startsWith(ContactShape.CUSTOM_KEY)) {
                if (custom == null) {
                    custom = body.putObject("customFields");
                }
                custom.set(key.substring(ContactShape.CUSTOM_KEY.length()), e.getValue());
            } else if (!key.equals("name") && !key.equals("email") && !key.equals("phone")) {
                body.set(key, e.getValue());
            }
        }
        if (!errors.isEmpty()) {
            return invalid(rowNumber, matchKey, null, errors);
        }
        return new RowPlan(rowNumber, RowAction.CREATE, matchKey, null, body, changes, List.of());
    }

    private RowPlan update(long rowNumber, String matchKey, String contactId, JsonNode existing, Wanted wanted,
                           List<RowError> errors) {
        Map<String, JsonNode> current = ContactShape.writeValues(existing);
        for (ContactField f : catalog.all()) {
            String key = key(f.column());
            if (f.required() && !f.archived() && wanted.values().containsKey(key)
                    && ContactShape.isEmpty(wanted.values().get(key))) {
                errors.add(new RowError(rowNumber, f.column(), "field '" + f.systemName()
                        + "' is required and cannot be cleared; give it a value or leave blanks as keep"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(rowNumber, matchKey, contactId, errors);
        }
        ObjectNode body = ContactShape.object();
        ArrayNode fields = ContactShape.JSON.arrayNode();
        ObjectNode custom = null;
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : wanted.values().entrySet()) {
            String key = e.getKey();
            JsonNode old = current.get(key);
            if (ContactShape.same(key, old, e.getValue())) {
                continue;
            }
            archived(rowNumber, key, errors);
            changes.add(new FieldChange(displayField(key), display(key, old), display(key, e.getValue())));
            if (key.startsWith(ContactShape.CUSTOM_KEY)) {
                if (custom == null) {
                    // Only the changed custom fields are sent: the API merges the object key by key (null clears
                    // one), and untouched fields (maybe archived, hence not writable) must not be resent.
                    custom = body.putObject("customFields");
                    fields.add("customFields");
                }
                custom.set(key.substring(ContactShape.CUSTOM_KEY.length()), e.getValue());
            } else {
                body.set(key, e.getValue());
                fields.add(key);
            }
        }
        if (!errors.isEmpty()) {
            return invalid(rowNumber, matchKey, contactId, errors);
        }
        if (changes.isEmpty()) {
            return new RowPlan(rowNumber, RowAction.UNCHANGED, matchKey, contactId, null, List.of(), List.of());
        }
        body.set("specific_update_fields", fields);
        return new RowPlan(rowNumber, RowAction.UPDATE, matchKey, contactId, body, changes, List.of());
    }

    /** Archived custom fields are exported but the API refuses writes to them. */
    private void archived(long rowNumber, String key, List<RowError> errors) {
        if (!key.startsWith(ContactShape.CUSTOM_KEY)) {
            return;
        }
        String systemName = key.substring(ContactShape.CUSTOM_KEY.length());
        catalog.byColumn(ContactColumns.customColumn(systemName)).filter(ContactField::archived).ifPresent(f ->
                errors.add(new RowError(rowNumber, f.column(), "custom field '" + systemName
                        + "' is archived and cannot be written; leave the cell as exported or empty")));
    }

    /** The write-shape key of a column: name, email, phone, ..., customFields.SYSTEM_NAME. */
    private String key(String column) {
        if (ContactColumns.FIXED.contains(column)) {
            return ContactColumns.apiField(column);
        }
        return ContactShape.CUSTOM_KEY + catalog.byColumn(column).map(ContactField::systemName).orElse(column);
    }

    private static String displayField(String key) {
        return key.startsWith(ContactShape.CUSTOM_KEY) ? ContactColumns.customColumn(key.substring(ContactShape.CUSTOM_KEY.length())) : key;
    }

    private String display(String key, JsonNode value) {
        if (ContactShape.isEmpty(value)) {
            return "";
        }
        if (key.equals("email") || key.equals("phone")) {
            List<MultiValue.Entry> entries = new ArrayList<>();
            value.forEach(e -> entries.add(new MultiValue.Entry(e.path(key).asText(), e.path("isPrimary").asBoolean())));
            return multiValue.joinEntries(entries);
        }
        return ContactShape.cell(value, multiValue);
    }

    private Wanted read(long rowNumber, Map<String, String> cells, List<RowError> errors) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String id = null;
        String primaryEmail = null;
        String primaryPhone = null;
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            String column = cell.getKey();
            String text = cell.getValue() == null ? "" : cell.getValue();
            if (!catalog.knows(column)) {
                if (!text.isEmpty()) {
                    errors.add(new RowError(rowNumber, column, "unknown column: not one of " + ContactColumns.FIXED
                            + " nor a custom field of this deployment (cf_SYSTEM_NAME); rename it, remove it, or sync contact_fields"));
                }
                continue;
            }
            if (column.equals(ContactColumns.ID)) {
                id = text.isBlank() ? null : text.strip();
                continue;
            }
            String key = key(column);
            if (text.isEmpty() || (!column.equals(ContactColumns.NAME) && text.isBlank())) {
                if (blanks.clears(column)) {
                    if (column.equals(ContactColumns.NAME)) {
                        errors.add(new RowError(rowNumber, column, "a contact's name cannot be cleared"));
                    } else {
                        values.put(key, ContactColumns.MULTI_VALUED.contains(column) || isMultiSelect(column)
                                ? ContactShape.JSON.arrayNode() : NullNode.instance);
                    }
                }
                continue;
            }
            switch (column) {
                case ContactColumns.EMAILS -> {
                    List<MultiValue.Entry> entries = entries(rowNumber, column, text, EMAIL, "an email address like name@example.com", errors);
                    primaryEmail = MultiValue.primaryOrFirst(entries);
                    values.put(key, ContactShape.entriesNode(entries, "email"));
                }
                case ContactColumns.PHONES -> {
                    List<MultiValue.Entry> entries = entries(rowNumber, column, text, PHONE, "a phone number of digits, spaces, ()-./ and an optional leading +", errors);
                    primaryPhone = MultiValue.primaryOrFirst(entries);
                    values.put(key, ContactShape.entriesNode(entries, "phone"));
                }
                case ContactColumns.TAGS -> {
                    ArrayNode tags = ContactShape.JSON.arrayNode();
                    multiValue.split(text).forEach(tags::add);
                    values.put(key, tags);
                }
                default -> {
                    JsonNode value = typed(rowNumber, column, text, errors);
                    if (value != null) {
                        values.put(key, value);
                    }
                }
            }
        }
        return new Wanted(values, id, primaryEmail, primaryPhone);
    }

    private boolean isMultiSelect(String column) {
        return catalog.byColumn(column).map(ContactField::isMultiSelect).orElse(false);
    }

    private List<MultiValue.Entry> entries(long rowNumber, String column, String text, Pattern valid, String expected,
                                           List<RowError> errors) {
        List<MultiValue.Entry> entries = multiValue.entries(text);
        long primaries = entries.stream().filter(MultiValue.Entry::primary).count();
        if (primaries > 1) {
            errors.add(new RowError(rowNumber, column, primaries + " values are marked primary with *; mark at most one"));
        }
        for (MultiValue.Entry e : entries) {
            boolean ok = valid.matcher(e.value()).matches();
            if (ok && valid == PHONE) {
                ok = e.value().chars().filter(Character::isDigit).count() >= PHONE_MIN_DIGITS;
            }
            if (!ok) {
                errors.add(new RowError(rowNumber, column, "'" + e.value() + "' is not " + expected));
            }
        }
        return entries;
    }

    /** A single-valued cell checked against its field's type; null when invalid. */
    private JsonNode typed(long rowNumber, String column, String text, List<RowError> errors) {
        Optional<ContactField> field = catalog.byColumn(column);
        if (field.isEmpty()) {
            return ContactShape.JSON.textNode(text);
        }
        ContactField f = field.get();
        if (f.isMultiSelect()) {
            ArrayNode values = ContactShape.JSON.arrayNode();
            for (String v : multiValue.split(text)) {
                if (!f.options().isEmpty() && !f.options().contains(v)) {
                    errors.add(new RowError(rowNumber, column, "'" + v + "' is not an option of " + f.systemName() + "; options: " + f.options()));
                }
                values.add(v);
            }
            return values;
        }
        if (f.isSelect() && !f.options().isEmpty() && !f.options().contains(text)) {
            errors.add(new RowError(rowNumber, column, "'" + text + "' is not an option of " + f.systemName()
                    + "; options: " + f.options()));
            return null;
        }
        if (f.isNumber()) {
            try {
                return ContactShape.JSON.numberNode(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                errors.add(new RowError(rowNumber, column, "'" + text + "' is not a number (use digits, an optional - and . as decimal point)"));
                return null;
            }
        }
        if (f.isDate()) {
            if (!isDate(text.strip())) {
                errors.add(new RowError(rowNumber, column, "'" + text + "' is not a date; use YYYY-MM-DD (or an ISO date-time)"));
                return null;
            }
            return ContactShape.JSON.textNode(text.strip());
        }
        return ContactShape.JSON.textNode(text);
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }
}
