package io.klinksync.mirror;

import io.klinksync.streams.ColumnDeclaration;
import io.klinksync.streams.TableDeclaration;

import java.util.ArrayList;
import java.util.List;

/**
 * A mirror table as the writers see it: its columns in row order and its key. For a child table the
 * first column is the parent's id, which is how its rows are replaced when the parent changes. folded: its
 * lower-of columns, which the database computes where its lower() folds every letter and the writer fills
 * where it folds ASCII alone ({@link MirrorVendor#writerFolds()}).
 */
public record MirrorTable(String name, List<Column> columns, List<String> key, List<Folded> folded) {

    /** A lower-of column: its name and the index in the row of the column it is the lower case of. */
    public record Folded(String name, int source) {
    }

    public MirrorTable(String name, List<Column> columns, List<String> key) {
        this(name, columns, key, List.of());
    }

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
        List<Folded> folded = new ArrayList<>();
        for (ColumnDeclaration column : declared.columns()) {
            if (column.generated()) {
                int source = columns.stream().map(Column::name).toList().indexOf(column.lowerOf());
                if (source < 0) {
                    throw new MirrorException("Table " + declared.name() + ": column " + column.name() + " is the lower case"
                            + " of '" + column.lowerOf() + "', which is not one of its written columns.");
                }
                folded.add(new Folded(column.name(), source));
            }
        }
        return new MirrorTable(declared.name(), List.copyOf(columns), List.copyOf(key), List.copyOf(folded));
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
