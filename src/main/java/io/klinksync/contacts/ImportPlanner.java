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
 * One planner serves one file, a batch of rows at a time: the keys (id, match keys) of each batch are checked
 * against the earlier rows of the file through FileKeys, which keeps them in the mirror database, so memory
 * does not grow with the file.
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

    private static final String ELLIPSIS = "…";

    private final ContactFieldCatalog catalog;
    private final ContactDirectory directory;
    private final Mode mode;
    private final BlankPolicy blanks;
    private final List<String> matchKeys;
    private final MultiValue multiValue;
    private final String createNameField;
    private final FileKeys fileKeys;
    private final ContactPoints points;
    private final int cellLimit;

    /**
     * Where the keys of the rows already planned are kept, so that a later row using one is a duplicate. Given a
     * batch's key uses in file order, returns for each use the earlier row that used the same key, or null.
     */
    public interface FileKeys {
        List<RowRef> claim(List<KeyUse> uses);
    }

    /** One key (id:..., email:..., phone:...) used by one row. */
    public record KeyUse(String key, RowRef row) {
    }

    /** points: what a valid email and phone are; cellLimit: characters of a cell quoted in a message. */
    public ImportPlanner(ContactFieldCatalog catalog, ContactDirectory directory, Mode mode, BlankPolicy blanks,
                         List<String> matchKeys, MultiValue multiValue, String createNameField, ContactPoints points,
                         int cellLimit, FileKeys fileKeys) {
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
        this.points = points;
        this.cellLimit = cellLimit;
        this.fileKeys = fileKeys;
    }

    /** A cell as quoted in a message: at most cellLimit characters, so a huge cell never floods a message. */
    static String shorten(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
        return value.substring(0, end) + ELLIPSIS;
    }

    private String quote(String value) {
        return "'" + shorten(value, cellLimit) + "'";
    }

    /**
     * What is wrong with a record as read, before any column is interpreted: bytes that are not UTF-8, a broken
     * quote, more cells than the header, control characters (NUL and the like, which no contact field holds and
     * databases refuse). A row with any of these is invalid and nothing else of it is looked at.
     */
    private static List<RowError> readProblems(CsvRow row, List<String> header) {
        List<RowError> errors = new ArrayList<>();
        RowRef ref = row.ref();
        row.problems().forEach(p -> errors.add(new RowError(ref, null, p)));
        if (row.values().size() > header.size()) {
            errors.add(new RowError(ref, null, "expected " + header.size() + " cells, found " + row.values().size()
                    + "; quote cells that hold the delimiter, or remove the extra cells"));
        }
        for (int i = 0; i < row.values().size(); i++) {
            String value = row.values().get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                    String column = i < header.size() ? header.get(i) : "cell " + (i + 1);
                    errors.add(new RowError(ref, column, String.format("holds the control character U+%04X at"
                            + " position %d; remove it (no contact field may hold control characters)", (int) c, j + 1)));
                    break;
                }
            }
        }
        return errors;
    }

    /** A row the reader already found invalid. */
    private static RowPlan invalidRead(CsvRow row, List<RowError> errors) {
        return new RowPlan(row.rowNumber(), RowAction.INVALID, null, null, null, List.of(), List.copyOf(errors), row.record());
    }

    /** The row's desired values in write shape; blank cells are absent unless the blank policy clears them. */
    private record Wanted(Map<String, JsonNode> values, String id, String primaryEmail, String primaryPhone) {
    }

    /** A row read and checked on its own, waiting for its keys to be checked against the rest of the file. */
    private record Read(RowRef row, Wanted wanted, List<RowError> errors, List<String> keys) {
    }

    /**
     * Plans a batch of rows in file order: a row the reader found damaged is invalid as read; the others are
     * checked cell by cell, then their keys against every earlier row of the file (one look-up per batch), then
     * matched against the mirror.
     */
    public List<RowPlan> plan(List<CsvRow> rows, List<String> header, ColumnMapping mapping) {
        List<Object> steps = new ArrayList<>(rows.size());
        List<KeyUse> uses = new ArrayList<>();
        for (CsvRow row : rows) {
            List<RowError> problems = readProblems(row, header);
            if (!problems.isEmpty()) {
                steps.add(invalidRead(row, problems));
                continue;
            }
            Read read = read(row.ref(), mapping.apply(row));
            read.keys().forEach(k -> uses.add(new KeyUse(k, read.row())));
            steps.add(read);
        }
        List<RowRef> earlier = uses.isEmpty() ? List.of() : fileKeys.claim(uses);
        List<RowPlan> plans = new ArrayList<>(rows.size());
        int use = 0;
        for (Object step : steps) {
            if (step instanceof RowPlan invalid) {
                plans.add(invalid);
                continue;
            }
            Read read = (Read) step;
            for (String key : read.keys()) {
                RowRef first = earlier.get(use++);
                if (first != null) {
                    String column = key.startsWith("id:") ? ContactColumns.ID : key.startsWith("email:") ? ContactColumns.EMAILS : ContactColumns.PHONES;
                    read.errors().add(new RowError(read.row(), column, "duplicate key " + shorten(key.substring(key.indexOf(':') + 1), cellLimit)
                            + " already used by " + first + " of this file; merge the two rows"));
                }
            }
            plans.add(plan(read));
        }
        return plans;
    }

    private Read read(RowRef row, Map<String, String> cells) {
        List<RowError> errors = new ArrayList<>();
        Wanted wanted = read(row, cells, errors);
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
        return new Read(row, wanted, errors, keys);
    }

    private RowPlan plan(Read read) {
        RowRef row = read.row();
        Wanted wanted = read.wanted();
        List<RowError> errors = read.errors();
        List<String> keys = read.keys();
        String matchKey = keys.isEmpty() ? (wanted.values().get("name") == null ? null : "name:" + wanted.values().get("name").asText()) : keys.get(0);
        if (!errors.isEmpty()) {
            return invalid(row, matchKey, null, errors);
        }

        Optional<JsonNode> existing = find(row, wanted, errors);
        if (!errors.isEmpty()) {
            return invalid(row, matchKey, null, errors);
        }
        if (existing.isEmpty()) {
            if (mode == Mode.UPDATE_ONLY) {
                errors.add(new RowError(row, null, "no existing contact matches this row (by id or " + matchKeys
                        + ") and the mode is update-only; use --mode upsert to create it"));
                return invalid(row, matchKey, null, errors);
            }
            return create(row, matchKey, wanted, errors);
        }
        String contactId = existing.get().path("id").asText();
        if (mode == Mode.CREATE_ONLY) {
            errors.add(new RowError(row, null, "contact " + contactId + " already exists (matched by " + matchKey
                    + ") and the mode is create-only; use --mode upsert to update it"));
            return invalid(row, matchKey, contactId, errors);
        }
        return update(row, matchKey, contactId, existing.get(), wanted, errors);
    }

    private RowPlan invalid(RowRef row, String matchKey, String contactId, List<RowError> errors) {
        return new RowPlan(row.line(), RowAction.INVALID, matchKey, contactId, null, List.of(), List.copyOf(errors), row.record());
    }

    private static String normalise(String key, String value) {
        return key.equals("email") ? value.toLowerCase(Locale.ROOT) : value;
    }

    private Optional<JsonNode> find(RowRef row, Wanted wanted, List<RowError> errors) {
        if (wanted.id() != null) {
            Optional<JsonNode> byId = directory.byId(wanted.id());
            if (byId.isEmpty()) {
                errors.add(new RowError(row, ContactColumns.ID, "no contact with id " + quote(wanted.id())
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
                errors.add(new RowError(row, key.equals("email") ? ContactColumns.EMAILS : ContactColumns.PHONES,
                        key + " " + quote(value) + " matches " + found.size() + " contacts " + ids
                                + "; put the wanted contact's id in the id column"));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private RowPlan create(RowRef row, String matchKey, Wanted wanted, List<RowError> errors) {
        Map<String, JsonNode> values = wanted.values();
        if (ContactShape.isEmpty(values.get("name")) || values.get("name").asText().isBlank()) {
            errors.add(new RowError(row, ContactColumns.NAME, "a new contact needs a name"));
        }
        for (ContactField f : catalog.all()) {
            if (f.required() && !f.archived() && !f.column().equals(ContactColumns.NAME)
                    && ContactShape.isEmpty(values.get(key(f.column())))) {
                errors.add(new RowError(row, f.column(), "field '" + f.systemName()
                        + "' is required by the deployment's contact fields; give it a value"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(row, matchKey, null, errors);
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
            archived(row, key, errors);
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
            return invalid(row, matchKey, null, errors);
        }
        return new RowPlan(row.line(), RowAction.CREATE, matchKey, null, body, changes, List.of(), row.record());
    }

    private RowPlan update(RowRef row, String matchKey, String contactId, JsonNode existing, Wanted wanted,
                           List<RowError> errors) {
        Map<String, JsonNode> current = ContactShape.writeValues(existing);
        for (ContactField f : catalog.all()) {
            String key = key(f.column());
            if (f.required() && !f.archived() && wanted.values().containsKey(key)
                    && ContactShape.isEmpty(wanted.values().get(key))) {
                errors.add(new RowError(row, f.column(), "field '" + f.systemName()
                        + "' is required and cannot be cleared; give it a value or leave blanks as keep"));
            }
        }
        if (!errors.isEmpty()) {
            return invalid(row, matchKey, contactId, errors);
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
            archived(row, key, errors);
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
            return invalid(row, matchKey, contactId, errors);
        }
        if (changes.isEmpty()) {
            return new RowPlan(row.line(), RowAction.UNCHANGED, matchKey, contactId, null, List.of(), List.of(), row.record());
        }
        body.set("specific_update_fields", fields);
        return new RowPlan(row.line(), RowAction.UPDATE, matchKey, contactId, body, changes, List.of(), row.record());
    }

    /** Archived custom fields are exported but the API refuses writes to them. */
    private void archived(RowRef row, String key, List<RowError> errors) {
        if (!key.startsWith(ContactShape.CUSTOM_KEY)) {
            return;
        }
        String systemName = key.substring(ContactShape.CUSTOM_KEY.length());
        catalog.byColumn(ContactColumns.customColumn(systemName)).filter(ContactField::archived).ifPresent(f ->
                errors.add(new RowError(row, f.column(), "custom field '" + systemName
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

    private Wanted read(RowRef row, Map<String, String> cells, List<RowError> errors) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String id = null;
        String primaryEmail = null;
        String primaryPhone = null;
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            String column = cell.getKey();
            String text = cell.getValue() == null ? "" : cell.getValue();
            if (!catalog.knows(column)) {
                if (!text.isEmpty()) {
                    errors.add(new RowError(row, column, "unknown column: not one of " + ContactColumns.FIXED
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
                        errors.add(new RowError(row, column, "a contact's name cannot be cleared"));
                    } else {
                        values.put(key, ContactColumns.MULTI_VALUED.contains(column) || isMultiSelect(column)
                                ? ContactShape.JSON.arrayNode() : NullNode.instance);
                    }
                }
                continue;
            }
            switch (column) {
                case ContactColumns.EMAILS -> {
                    List<MultiValue.Entry> entries = entries(row, column, text, true, errors);
                    primaryEmail = MultiValue.primaryOrFirst(entries);
                    values.put(key, ContactShape.entriesNode(entries, "email"));
                }
                case ContactColumns.PHONES -> {
                    List<MultiValue.Entry> entries = entries(row, column, text, false, errors);
                    primaryPhone = MultiValue.primaryOrFirst(entries);
                    values.put(key, ContactShape.entriesNode(entries, "phone"));
                }
                case ContactColumns.TAGS -> {
                    ArrayNode tags = ContactShape.JSON.arrayNode();
                    multiValue.split(text).forEach(tags::add);
                    values.put(key, tags);
                }
                default -> {
                    JsonNode value = typed(row, column, text, errors);
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

    private List<MultiValue.Entry> entries(RowRef row, String column, String text, boolean email, List<RowError> errors) {
        for (String part : multiValue.split(text)) {
            if (part.strip().equals(MultiValue.PRIMARY_MARK)) {
                errors.add(new RowError(row, column, "a '*' marks a primary value but no value follows it; write *"
                        + (email ? "name@example.com" : "+95 9 420 000 111") + " or remove the *"));
            }
        }
        List<MultiValue.Entry> entries = multiValue.entries(text);
        long primaries = entries.stream().filter(MultiValue.Entry::primary).count();
        if (primaries > 1) {
            errors.add(new RowError(row, column, primaries + " values are marked primary with *; mark at most one"));
        }
        for (MultiValue.Entry e : entries) {
            String problem = email ? points.emailProblem(e.value()) : points.phoneProblem(e.value());
            if (problem != null) {
                errors.add(new RowError(row, column, quote(e.value()) + " is not "
                        + (email ? "an email address: " : "a phone number: ") + problem));
            }
        }
        return entries;
    }

    /** A single-valued cell checked against its field's type; null when invalid. */
    private JsonNode typed(RowRef row, String column, String text, List<RowError> errors) {
        Optional<ContactField> field = catalog.byColumn(column);
        if (field.isEmpty()) {
            return ContactShape.JSON.textNode(text);
        }
        ContactField f = field.get();
        if (f.isMultiSelect()) {
            ArrayNode values = ContactShape.JSON.arrayNode();
            for (String v : multiValue.split(text)) {
                if (!f.options().isEmpty() && !f.options().contains(v)) {
                    errors.add(new RowError(row, column, quote(v) + " is not an option of " + f.systemName() + "; options: " + f.options()));
                }
                values.add(v);
            }
            return values;
        }
        if (f.isSelect() && !f.options().isEmpty() && !f.options().contains(text)) {
            errors.add(new RowError(row, column, quote(text) + " is not an option of " + f.systemName()
                    + "; options: " + f.options()));
            return null;
        }
        if (f.isNumber()) {
            try {
                return ContactShape.JSON.numberNode(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, column, quote(text) + " is not a number (use digits, an optional - and . as decimal point)"));
                return null;
            }
        }
        if (f.isDate()) {
            if (!isDate(text.strip())) {
                errors.add(new RowError(row, column, quote(text) + " is not a date; use YYYY-MM-DD (or an ISO date-time)"));
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
