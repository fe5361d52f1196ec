package io.klinksync.mirror;

/** How a mirror column's value is bound and read; timestamps are UTC instants on every vendor. */
public enum ColumnType {
    TEXT,
    BOOLEAN,
    INTEGER,
    TIMESTAMP
}
