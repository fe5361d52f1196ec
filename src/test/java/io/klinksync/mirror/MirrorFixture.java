package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A migrated mirror on a fresh test database, the documented example records, and plain row reads. */
final class MirrorFixture implements AutoCloseable {

    /** The reporting tables on, as config/application.properties ships them. */
    public static final ReportingSettings REPORTING = new ReportingSettings(true, true, 30);


    static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase db;
    final MirrorDatabase mirror;

    private MirrorFixture(TestDatabase db, MirrorDatabase mirror) {
        this.db = db;
        this.mirror = mirror;
    }

    static MirrorFixture open(String vendor) {
        TestDatabase db = TestDatabase.create(vendor);
        try {
            return new MirrorFixture(db, MirrorDatabase.open(db.url(), db.user(), db.password(), 4));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    JdbcMirrorWriter writer(DeleteMode mode) {
        return new JdbcMirrorWriter(mirror, mode, REPORTING);
    }

    /** The example records of one stream, from src/test/resources/mirror/STREAM.json. */
    static List<JsonNode> records(String stream) {
        try (InputStream in = MirrorFixture.class.getResourceAsStream("/mirror/" + stream + ".json")) {
            List<JsonNode> records = new ArrayList<>();
            JSON.readTree(in).forEach(records::add);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode withField(JsonNode record, String field, String value) {
        ObjectNode copy = record.deepCopy();
        copy.put(field, value);
        return copy;
    }

    static JsonNode contact(String id, String name, String channel, String companyId, String companyName, String... tags) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("name", name);
        c.put("channel", channel);
        if (companyId != null) {
            c.putObject("company").put("id", companyId).put("name", companyName);
        } else {
            c.putNull("company");
        }
        var tagArray = c.putArray("tags");
        for (String tag : tags) {
            tagArray.addObject().put("id", "tag-" + tag).put("name", tag);
        }
        c.putArray("email").addObject().put("email", id + "@example.com").put("isPrimary", true);
        c.putArray("phone");
        c.putArray("customFields");
        return c;
    }

    /** Rows as column-name maps; timestamps come back as Instants, CLOBs as Strings. */
    List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection c = mirror.dataSource().getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                        int type = meta.getColumnType(i);
                        Object value;
                        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                            value = mirror.vendor().readInstant(rs, meta.getColumnLabel(i));
                        } else {
                            value = rs.getObject(i);
                            if (value instanceof Clob clob) {
                                value = clob.getSubString(1, (int) clob.length());
                            }
                            if (value instanceof Number n && type == Types.BOOLEAN && mirror.vendor() == MirrorVendor.SQLITE) {
                                value = n.intValue() != 0; // SQLite keeps a BOOLEAN as 0 or 1
                            } else if (value instanceof Number n && type != Types.BOOLEAN && type != Types.BIT) {
                                value = n.longValue();
                            }
                        }
                        row.put(label, value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs one UPDATE, INSERT or DELETE with its parameters, outside the writer. */
    void update(String sql, Object... parameters) {
        try (Connection c = mirror.dataSource().getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    Map<String, Object> row(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("Expected one row from " + sql + " but got " + rows);
        }
        return rows.get(0);
    }

    long count(String sql, Object... parameters) {
        return ((Number) row(sql, parameters).values().iterator().next()).longValue();
    }

    @Override
    public void close() {
        try {
            mirror.close();
        } finally {
            db.close();
        }
    }

    /** Completes the pass as if the API had answered 404 for every row it missed (verified deletes). */
    static SyncRun completeConfirmed(MirrorWriter writer, SyncRun run) {
        return writer.complete(run, writer.unseen(run, Integer.MAX_VALUE));
    }
}
