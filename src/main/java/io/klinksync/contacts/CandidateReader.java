package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CSV row, through the file's column mapping, into an import candidate: a row damaged as read is
 * invalid and nothing else of it is looked at; the cells of the others are checked against the deployment's
 * contact fields, and blank cells kept, cleared or refused as the blank policy says.
 */
final class CandidateReader {

    private final ContactFieldCatalog catalog;
    private final BlankPolicy blanks;
    private final CellParser parser;

    CandidateReader(ContactFieldCatalog catalog, BlankPolicy blanks, MultiValue multiValue, ContactPoints points,
                    CellQuote cells) {
        this.catalog = catalog;
        this.blanks = blanks;
        this.parser = new CellParser(catalog, multiValue, points, cells);
    }

    ImportCandidate read(CsvRow row, List<String> header, ColumnMapping mapping) {
        List<RowError> problems = readProblems(row, header);
        if (!problems.isEmpty()) {
            return new ImportCandidate(row.ref(), Map.of(), null, null, null, problems);
        }
        return read(row.ref(), mapping.apply(row));
    }

    /**
     * What is wrong with a record as read, before any column is interpreted: bytes that are not UTF-8, a broken
     * quote, more cells than the header, control characters (NUL and the like, which no contact field holds and
     * databases refuse).
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

    private ImportCandidate read(RowRef row, Map<String, String> cells) {
        List<RowError> errors = new ArrayList<>();
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
            String key = catalog.writeKey(column);
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
                    List<MultiValue.Entry> entries = parser.entries(row, column, text, true, errors);
                    primaryEmail = MultiValue.primaryOrFirst(entries);
                    values.put(key, ContactShape.entriesNode(entries, "email"));
                }
                case ContactColumns.PHONES -> {
                    List<MultiValue.Entry> entries = parser.entries(row, column, text, false, errors);
                    primaryPhone = MultiValue.primaryOrFirst(entries);
                    values.put(key, ContactShape.entriesNode(entries, "phone"));
                }
                case ContactColumns.TAGS -> values.put(key, parser.tags(text));
                default -> {
                    JsonNode value = parser.typed(row, column, text, errors);
                    if (value != null) {
                        values.put(key, value);
                    }
                }
            }
        }
        return new ImportCandidate(row, values, id, primaryEmail, primaryPhone, errors);
    }

    private boolean isMultiSelect(String column) {
        return catalog.byColumn(column).map(ContactField::isMultiSelect).orElse(false);
    }
}
