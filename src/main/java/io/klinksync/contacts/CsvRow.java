package io.klinksync.contacts;

import java.util.List;
import java.util.Map;

/**
 * One data row of a CSV file. rowNumber counts records the way a spreadsheet shows them (the header is row 1,
 * the first data row is row 2), so a cell holding a line break does not shift later row numbers.
 */
public record CsvRow(long rowNumber, List<String> values, Map<String, String> cells) {

    /** The cell of a column, "" when the column is absent or the row is short. */
    public String cell(String column) {
        String value = cells.get(column);
        return value == null ? "" : value;
    }
}
