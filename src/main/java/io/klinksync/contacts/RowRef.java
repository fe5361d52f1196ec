package io.klinksync.contacts;

/** Where a row is: the physical line it starts on, and its record number among the data records. */
public record RowRef(long line, long record) {

    @Override
    public String toString() {
        return "line " + line + ", record " + record;
    }
}
