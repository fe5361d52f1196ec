package io.klinksync.mirror.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables of Quartz's clustered JDBC JobStore (scheduler.clustered=true), run from the DDL the Quartz jar on
 * the classpath ships for the vendor (quartz_tables in db/vendors/VENDOR.properties, e.g. tables_postgres.sql),
 * without its DROP TABLE lines and COMMIT. This is the one part of the schema that truly differs by vendor, and
 * Quartz writes it for each: loading it from the jar keeps no copy of it here. Quartz owns their content;
 * nothing in klink-sync writes them. A vendor without a cluster (the embedded H2) leaves quartz_tables blank.
 */
public final class V7_1__Quartz_job_store extends BaseJavaMigration {

    static final String FOLDER = "org/quartz/impl/jdbcjobstore/";

    @Override
    public void migrate(Context context) throws Exception {
        String script = context.getConfiguration().getPlaceholders().getOrDefault("quartz_tables", "");
        if (script.isBlank()) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(read(FOLDER + script))) {
                statement.execute(sql);
            }
        }
    }

    static String read(String resource) throws IOException {
        try (InputStream in = V7_1__Quartz_job_store.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The Quartz jar has no " + resource + "; check quartz_tables in db/vendors.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's CREATE statements: comment lines (-- or #), DROP TABLE and COMMIT left out. */
    static List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : text.toString().split(";")) {
            String sql = part.strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
