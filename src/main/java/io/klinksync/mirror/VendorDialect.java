package io.klinksync.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the mirror's schema says differently on one vendor: db/vendors/VENDOR.properties, read whole. Its keys are
 * the Flyway placeholders of db/migration/common and the types StreamSchema gives declared columns; everything
 * else about the schema is written once. A new vendor is a copy of that file with its own values.
 */
public final class VendorDialect {

    static final String FOLDER = "db/vendors/";
    static final Set<String> KEYS = Set.of("text", "long_text", "clob", "timestamp", "identity", "table_options",
            "row_number", "lower_of", "index_prefix_over", "index_prefix", "lock_rows", "quartz_tables", "schema_lock", "schema_unlock",
            "length_check", "drop_index");

    private final String vendor;
    private final Map<String, String> values;

    private VendorDialect(String vendor, Map<String, String> values) {
        this.vendor = vendor;
        this.values = values;
    }

    public static VendorDialect of(MirrorVendor vendor) {
        VendorDialect dialect = load(vendor.folder());
        if (dialect.get("lower_of").isEmpty() != vendor.writerFolds()) {
            throw new MirrorException(FOLDER + vendor.folder() + ".properties: lower_of is blank exactly where the writer"
                    + " fills lower-of columns itself (MirrorVendor.writerFolds).");
        }
        return dialect;
    }

    /** The file of the named vendor; every key must be there (blank where the vendor needs nothing), no other. */
    static VendorDialect load(String vendor) {
        String resource = FOLDER + vendor + ".properties";
        Properties properties = new Properties();
        try (InputStream in = VendorDialect.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MirrorException("No schema dialect " + resource + " on the classpath for vendor " + vendor + ".");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MirrorException("Cannot read " + resource + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).strip()));
        if (!values.keySet().equals(new TreeSet<>(KEYS))) {
            throw new MirrorException(resource + " must set exactly " + new TreeSet<>(KEYS) + " (blank where the vendor"
                    + " needs nothing); it sets " + values.keySet() + ".");
        }
        return new VendorDialect(vendor, Map.copyOf(values));
    }

    public String vendor() {
        return vendor;
    }

    /** Every key and value, as Flyway placeholders: ${text} in a migration is this vendor's text type. */
    public Map<String, String> placeholders() {
        return values;
    }

    String get(String key) {
        return values.get(key);
    }

    /** The SQL type of a declared column: VARCHAR(n) when it has a length, the vendor's free text otherwise. */
    public String type(ColumnType type, Integer length) {
        return switch (type) {
            case TEXT -> length == null ? get("text") : "VARCHAR(" + length + ")";
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case TIMESTAMP -> get("timestamp");
        };
    }

    public String longText() {
        return get("long_text");
    }

    public String timestamp() {
        return get("timestamp");
    }

    /** Appended to CREATE TABLE (...); empty where the vendor needs nothing. */
    public String tableOptions() {
        return get("table_options");
    }

    /**
     * The definition tail of a column the database keeps as the lower case of another; null where the writer
     * fills it (lower_of blank), a plain column then.
     */
    public String lowerOf(String column) {
        String lowerOf = get("lower_of");
        return lowerOf.isEmpty() ? null : String.format(lowerOf, column);
    }

    /** A column as an index names it: whole, or its first index_prefix characters when it is longer than the vendor indexes. */
    public String indexed(String column, Integer length) {
        String over = get("index_prefix_over");
        if (length != null && !over.isEmpty() && length > Integer.parseInt(over)) {
            return column + "(" + get("index_prefix") + ")";
        }
        return column;
    }

    /**
     * What a declared column with a length adds to its definition where the type does not hold the length
     * (length_check, with %1$s the column and %2$d the length; blank where VARCHAR(n) refuses longer text).
     */
    public String lengthCheck(String column, Integer length) {
        String check = get("length_check");
        return length == null || check.isEmpty() ? null : String.format(check, column, length);
    }

    /** The statement that drops an index of a table. */
    public String dropIndex(String index, String table) {
        return String.format(get("drop_index"), index, table);
    }

    /** Whether the stream writer locks are rows of sync_lock_rows (a vendor without advisory locks). */
    public boolean lockRows() {
        return Boolean.parseBoolean(get("lock_rows"));
    }

    /** The statement that takes (or frees) the lock held while the schema is brought up to date; empty: none. */
    String schemaLock(boolean take) {
        return get(take ? "schema_lock" : "schema_unlock");
    }

    /** The Quartz jar's JobStore script for this vendor, or empty when it holds no cluster. */
    public String quartzTables() {
        return get("quartz_tables");
    }
}
