package io.klinksync.contacts;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The decision for one row, made before anything is sent: the action, the contact it applies to, the exact
 * request body (for an update holding only the fields it changes, listed in specific_update_fields), the
 * field-by-field diff and, for an invalid row, every reason.
 */
public record RowPlan(long rowNumber, RowAction action, String matchKey, String contactId, ObjectNode body,
                      List<FieldChange> changes, List<RowError> errors, long record) {

    public RowRef ref() {
        return new RowRef(rowNumber, record);
    }

    public String errorText() {
        return errors.stream().map(RowError::toString).collect(Collectors.joining("; "));
    }

    public String diffText() {
        return changes.stream().map(FieldChange::toString).collect(Collectors.joining("; "));
    }
}
