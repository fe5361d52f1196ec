package io.klinksync.streams;

import java.util.List;

/**
 * A declared table: the stream's own table, a child table (the record's nested list in from, keyed back to the
 * parent by parentKey plus key, position kept when asked) or a shared table (the nested object in from,
 * upserted by key and never deleted with a record).
 */
public record TableDeclaration(String name, String from, String parentKey, List<String> key, boolean position,
                               List<ColumnDeclaration> columns) {

    /** The declared columns the writers bind, in row order (computed columns left out). */
    public List<ColumnDeclaration> writtenColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }
}
