package io.klinksync.contacts;

/** Why one row cannot be imported, naming the row, the column and what is expected. */
public record RowError(long rowNumber, String column, String reason) {

    @Override
    public String toString() {
        return "row " + rowNumber + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
