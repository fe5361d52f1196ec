package io.klinksync.contacts;

import java.util.List;
import java.util.Map;

/**
 * One data record of a CSV file. rowNumber is the physical line on which the record starts (the header is
 * line 1), as an editor shows it, so blank lines and cells holding line breaks do not make later numbers
 * drift; record counts the data records (the first is 1). problems are what the reader found wrong with the
 * record's bytes or quoting (the record is then invalid); values holds every cell as read, more or fewer than
 * the header's.
 */
public record CsvRow(long rowNumber, long record, List<String> values, Map<String, String> cells, List<String> problems) {

    /** The cell of a column, "" when the column is absent or the row is short. */
    public String cell(String column) {
        String value = cells.get(column);
        return value == null ? "" : value;
    }

    public RowRef ref() {
        return new RowRef(rowNumber, record);
    }
}
