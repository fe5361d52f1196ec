package io.klinksync.mirror;

import java.util.List;

/**
 * A mirror table as the writers see it: its columns in row order and its key. For a child table the
 * first column is the parent's id, which is how its rows are replaced when the parent changes.
 */
public record MirrorTable(String name, List<Column> columns, List<String> key) {

    public static MirrorTable of(String name, List<String> key, Column... columns) {
        return new MirrorTable(name, List.of(columns), List.copyOf(key));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column holding the parent id (child tables) or the row's own id (parent tables). */
    public String parentColumn() {
        return columns.get(0).name();
    }

    /**
     * A table is known by its name. Tables key the rows of every mapped record, and a record's default
     * hashCode walks the whole column list on each lookup: a few percent of a sync's CPU.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MirrorTable table && name.equals(table.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
