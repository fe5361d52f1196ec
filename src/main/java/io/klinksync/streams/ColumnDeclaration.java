package io.klinksync.streams;

import io.klinksync.mirror.ColumnType;

/**
 * One declared column: its name and type, the record field it comes from (from; a dotted path into nested
 * objects), its length where it is bounded (a VARCHAR; unbounded text otherwise), whether it is indexed, and,
 * for a column the database computes, the column it is the lower case of.
 */
public record ColumnDeclaration(String name, ColumnType type, String from, Integer length, boolean index,
                                String lowerOf) {

    /** A column the database computes (lower-of); the writers never bind it. */
    public boolean generated() {
        return lowerOf != null;
    }
}
