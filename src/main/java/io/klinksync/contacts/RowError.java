package io.klinksync.contacts;

/** Why one row cannot be imported, naming the row (line and record), the column and what is expected. */
public record RowError(RowRef row, String column, String reason) {

    public long rowNumber() {
        return row.line();
    }

    @Override
    public String toString() {
        return row + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
