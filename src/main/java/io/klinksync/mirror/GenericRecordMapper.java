package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import io.klinksync.streams.ColumnDeclaration;
import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.TableDeclaration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping of a stream whose declaration names no mapper: each declared column is read from the record by its
 * from (a dotted path into nested objects) and typed by its declared type with the rules of {@link RecordValues}
 * (text kept as is, booleans from true/false/1/0, timestamps from epoch seconds or ISO-8601, whole numbers).
 * A child table's rows come from the record's nested list in from: the parent id first, then the declared
 * columns read from each entry, then the entry's position when declared; an entry whose key is missing is
 * skipped and a repeated key keeps its first entry. A shared table's row comes from the nested object in from,
 * when it has its key.
 */
public final class GenericRecordMapper implements RecordMapper {

    private final String stream;
    private final Field[] columns;
    private final int idColumn;
    private final Nested[] children;
    private final Nested[] shared;

    public GenericRecordMapper(StreamDeclaration declared) {
        this.stream = declared.name();
        TableDeclaration table = declared.table();
        this.columns = fields(table);
        int id = -1;
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].name.equals(declared.primaryKey())) {
                id = i;
            }
        }
        if (id < 0) {
            throw new MirrorException(declared.source() + ": the primary key '" + declared.primaryKey()
                    + "' is not a written column of " + table.name() + ".");
        }
        this.idColumn = id;
        this.children = declared.children().stream().map(Nested::new).toArray(Nested[]::new);
        this.shared = declared.shared().stream().map(Nested::new).toArray(Nested[]::new);
    }

    @Override
    public String id(JsonNode record) {
        Field key = columns[idColumn];
        return RecordValues.id(stream, record, key.container(record), key.field);
    }

    @Override
    public Map<MirrorTable, List<Object[]>> shared(JsonNode record) {
        Map<MirrorTable, List<Object[]>> sharedRows = shared.length == 0 ? Map.of() : new LinkedHashMap<>();
        for (Nested table : shared) {
            Object[] sharedRow = table.row(stream, record);
            if (sharedRow != null) {
                sharedRows.put(table.table, List.<Object[]>of(sharedRow));
            }
        }
        return sharedRows;
    }

    @Override
    public Rows rows(JsonNode record, String id) {
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            row[i] = i == idColumn ? id : columns[i].read(stream, record);
        }
        Map<MirrorTable, List<Object[]>> childRows = children.length == 0 ? Map.of() : new LinkedHashMap<>();
        for (Nested child : children) {
            childRows.put(child.table, child.rows(stream, id, record));
        }
        return new Rows(row, childRows);
    }

    private static Field[] fields(TableDeclaration table) {
        return table.writtenColumns().stream().map(Field::new).toArray(Field[]::new);
    }

    /** Where a column's value sits (the objects to walk, then the field) and how it is typed. */
    private static final class Field {
        final String name;
        final String[] objects;
        final String field;
        final ColumnType type;

        Field(ColumnDeclaration column) {
            this.name = column.name();
            String[] path = column.from().split("\\.");
            this.objects = java.util.Arrays.copyOf(path, path.length - 1);
            this.field = path[path.length - 1];
            this.type = column.type();
        }

        /** The object holding the field: the node itself for a plain name, else the nested object (or null). */
        JsonNode container(JsonNode node) {
            for (String object : objects) {
                node = node == null ? null : node.get(object);
            }
            return node;
        }

        Object read(String stream, JsonNode node) {
            JsonNode container = container(node);
            if (container == null || !container.isObject()) {
                return null;
            }
            return switch (type) {
                case TEXT -> RecordValues.text(container, field);
                case BOOLEAN -> RecordValues.bool(container, field);
                case TIMESTAMP -> RecordValues.instant(stream, container, field);
                case INTEGER -> RecordValues.integer(stream, container, field);
            };
        }
    }

    /** A child table (from a nested list) or a shared table (from a nested object). */
    private static final class Nested {
        final MirrorTable table;
        final Field from;
        final Field[] columns;
        final int[] key;
        final boolean position;

        Nested(TableDeclaration declared) {
            this.table = MirrorTable.of(declared);
            this.from = new Field(new ColumnDeclaration(declared.name(), ColumnType.TEXT, declared.from(), null, false, null));
            this.columns = fields(declared);
            this.key = declared.key().stream().mapToInt(k -> indexOf(declared, k)).toArray();
            this.position = declared.position();
        }

        private int indexOf(TableDeclaration declared, String column) {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i].name.equals(column)) {
                    return i;
                }
            }
            throw new MirrorException("Table " + declared.name() + ": key column '" + column
                    + "' is not one of its written columns.");
        }

        JsonNode nested(JsonNode record) {
            JsonNode container = from.container(record);
            return container == null ? null : container.get(from.field);
        }

        List<Object[]> rows(String stream, String parentId, JsonNode record) {
            JsonNode entries = nested(record);
            if (entries == null || !entries.isArray()) {
                return List.of();
            }
            UniqueRows rows = new UniqueRows();
            int place = 0;
            for (JsonNode entry : entries) {
                Object[] values = values(stream, entry);
                String rowKey = key(values);
                if (rowKey == null) {
                    continue;
                }
                Object[] row = new Object[1 + values.length + (position ? 1 : 0)];
                row[0] = parentId;
                System.arraycopy(values, 0, row, 1, values.length);
                if (position) {
                    row[row.length - 1] = place;
                }
                place++;
                rows.add(rowKey, row);
            }
            return rows.list();
        }

        /** The shared row of the record's nested object, or null when it has none (or no key). */
        Object[] row(String stream, JsonNode record) {
            JsonNode object = nested(record);
            if (object == null || !object.isObject()) {
                return null;
            }
            Object[] values = values(stream, object);
            return key(values) == null ? null : values;
        }

        private Object[] values(String stream, JsonNode entry) {
            Object[] values = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = columns[i].read(stream, entry);
            }
            return values;
        }

        /** The row's key as one string, or null when a key column is empty. */
        private String key(Object[] values) {
            if (key.length == 1) {
                Object value = values[key[0]];
                return value == null ? null : value.toString();
            }
            StringBuilder joined = new StringBuilder();
            for (int k : key) {
                if (values[k] == null) {
                    return null;
                }
                joined.append(values[k]).append('\u0000');
            }
            return joined.toString();
        }
    }
}
