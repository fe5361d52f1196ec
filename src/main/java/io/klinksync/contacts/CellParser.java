package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Turns the text of one non-blank cell into its value in write shape, checked against the deployment's contact
 * fields (/contacts/fields): emails and phones as entries with at most one primary, options of selects, numbers
 * and dates. What is wrong goes to the errors.
 */
final class CellParser {

    private final ContactFieldCatalog catalog;
    private final MultiValue multiValue;
    private final ContactPoints points;
    private final CellQuote cells;

    CellParser(ContactFieldCatalog catalog, MultiValue multiValue, ContactPoints points, CellQuote cells) {
        this.catalog = catalog;
        this.multiValue = multiValue;
        this.points = points;
        this.cells = cells;
    }

    /** The emails (email true) or phones of a cell, each checked, with at most one marked primary. */
    List<MultiValue.Entry> entries(RowRef row, String column, String text, boolean email, List<RowError> errors) {
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
                errors.add(new RowError(row, column, cells.quote(e.value()) + " is not "
                        + (email ? "an email address: " : "a phone number: ") + problem));
            }
        }
        return entries;
    }

    ArrayNode tags(String text) {
        ArrayNode tags = ContactShape.JSON.arrayNode();
        multiValue.split(text).forEach(tags::add);
        return tags;
    }

    /** A single-valued cell checked against its field's type; null when invalid. */
    JsonNode typed(RowRef row, String column, String text, List<RowError> errors) {
        Optional<ContactField> field = catalog.byColumn(column);
        if (field.isEmpty()) {
            return ContactShape.JSON.textNode(text);
        }
        ContactField f = field.get();
        if (f.isMultiSelect()) {
            ArrayNode values = ContactShape.JSON.arrayNode();
            for (String v : multiValue.split(text)) {
                if (!f.options().isEmpty() && !f.options().contains(v)) {
                    errors.add(new RowError(row, column, cells.quote(v) + " is not an option of " + f.systemName() + "; options: " + f.options()));
                }
                values.add(v);
            }
            return values;
        }
        if (f.isSelect() && !f.options().isEmpty() && !f.options().contains(text)) {
            errors.add(new RowError(row, column, cells.quote(text) + " is not an option of " + f.systemName()
                    + "; options: " + f.options()));
            return null;
        }
        if (f.isNumber()) {
            try {
                return ContactShape.JSON.numberNode(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, column, cells.quote(text) + " is not a number (use digits, an optional - and . as decimal point)"));
                return null;
            }
        }
        if (f.isDate()) {
            if (!isDate(text.strip())) {
                errors.add(new RowError(row, column, cells.quote(text) + " is not a date; use YYYY-MM-DD (or an ISO date-time)"));
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
