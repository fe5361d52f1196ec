package io.klinksync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh PostgreSQL schemas for benchmark runs, so no run sees another's rows; each is dropped after its run. */
public final class PostgresSchemas {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final String serverUrl;
    private final String user;
    private final String prefix = "bench_" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "_";

    public PostgresSchemas(String serverUrl, String user) {
        this.serverUrl = serverUrl;
        this.user = user;
    }

    public String user() {
        return user;
    }

    /** Creates an empty schema and answers its name. */
    public String create(String label) {
        String name = prefix + label.replaceAll("[^a-z0-9_]", "_") + "_" + NEXT.incrementAndGet();
        execute("CREATE SCHEMA " + name);
        return name;
    }

    public String url(String schema) {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public void drop(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Rows per table in the schema, to check two ways of loading wrote the same rows. */
    public Map<String, Long> counts(String schema, List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url(schema), user, "");
             Statement statement = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + schema + "." + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot count rows in schema " + schema + ": " + e.getMessage(), e);
        }
        return counts;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL at " + serverUrl + " (user " + user + ") refused '" + sql + "': "
                    + e.getMessage() + ". The throughput and memory scenarios need it; start it or pass --postgres-url.", e);
        }
    }
}
