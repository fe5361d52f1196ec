package io.klinksync.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.config.Settings;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What one run changed, from sync_changes: a line per record (or one JSON array), streamed as it is read, so a
 * run that touched a million records is printed in constant memory.
 */
public final class RunChanges {

    private final Settings settings;

    public RunChanges(Settings settings) {
        this.settings = settings;
    }

    /** Prints the run's changes; answers how many there were. */
    public long print(long runId, PrintWriter out, ObjectMapper json, boolean asJson) throws SQLException {
        try (Connection c = MirrorProbe.connect(settings);
             PreparedStatement select = c.prepareStatement("SELECT stream, record_id, change_type, changed_fields"
                     + " FROM sync_changes WHERE run_id = ? ORDER BY id")) {
            select.setFetchSize(settings.getInt("export.fetch-size"));
            select.setLong(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                return asJson ? printJson(rows, out, json) : printText(runId, rows, out);
            }
        } catch (SQLException e) {
            throw new SQLException("the mirror has no change log for run " + runId + " (" + e.getMessage()
                    + "); sync_changes is written when mirror.changes is true", e);
        }
    }

    private static long printText(long runId, ResultSet rows, PrintWriter out) throws SQLException {
        long count = 0;
        while (rows.next()) {
            String fields = rows.getString("changed_fields");
            out.println(rows.getString("stream") + " " + rows.getString("record_id") + ": " + rows.getString("change_type")
                    + (fields == null || fields.isEmpty() ? "" : " [" + fields + "]"));
            count++;
        }
        out.println("Run " + runId + ": " + count + " changes in sync_changes.");
        return count;
    }

    private static long printJson(ResultSet rows, PrintWriter out, ObjectMapper json) throws SQLException {
        long count = 0;
        try (JsonGenerator array = json.getFactory().createGenerator(out)) {
            array.writeStartArray();
            while (rows.next()) {
                array.writeStartObject();
                array.writeStringField("stream", rows.getString("stream"));
                array.writeStringField("record_id", rows.getString("record_id"));
                array.writeStringField("change", rows.getString("change_type"));
                array.writeStringField("changed_fields", rows.getString("changed_fields"));
                array.writeEndObject();
                count++;
            }
            array.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        return count;
    }
}
