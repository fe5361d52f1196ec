package io.klinksync.mirror;

/** One column of a mirror table. */
public record Column(String name, ColumnType type) {

    public static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }

    public static Column bool(String name) {
        return new Column(name, ColumnType.BOOLEAN);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    public static Column timestamp(String name) {
        return new Column(name, ColumnType.TIMESTAMP);
    }
}
