package io.klinksync.mirror;

import io.klinksync.streams.ColumnDeclaration;
import io.klinksync.streams.TableDeclaration;

import java.util.ArrayList;
import java.util.List;

/**
 * A mirror table as the writers see it: its columns in row order and its key. For a child table the
 * first column is the parent's id, which is how its rows are replaced when the parent changes.
 */
public record MirrorTable(String name, List<Column> columns, List<String> key) {

    /** The column of a child table that keeps the entry's place in its list, when declared with position: true. */
    public static final String POSITION = "position";

    public static MirrorTable of(String name, List<String> key, Column... columns) {
        return new MirrorTable(name, List.of(columns), List.copyOf(key));
    }

    /**
     * The table as declared: for a child table its parent id column first, then the declared columns the writers
     * bind (computed ones, such as email_key, are the database's), then position when the declaration keeps it.
     * The key is the parent id column plus the declared key.
     */
    public static MirrorTable of(TableDeclaration declared) {
        List<Column> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        if (declared.parentKey() != null) {
            columns.add(Column.text(declared.parentKey()));
            key.add(declared.parentKey());
        }
        for (ColumnDeclaration column : declared.writtenColumns()) {
            columns.add(new Column(column.name(), column.type()));
        }
        if (declared.position()) {
            columns.add(Column.integer(POSITION));
        }
        key.addAll(declared.key());
        return new MirrorTable(declared.name(), List.copyOf(columns), List.copyOf(key));
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
