package io.klinksync.status;

import io.klinksync.api.Profile;
import io.klinksync.config.Settings;
import io.klinksync.mirror.MirrorJdbc;
import io.klinksync.mirror.MirrorVendor;
import io.klinksync.service.Schedules;
import io.klinksync.streams.StreamDeclaration;
import io.klinksync.streams.StreamDeclarations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads `status` from the mirror database alone (no token, no API): recent sync_runs per stream, recent
 * import_runs, lock holders, rows awaiting a second missed pass, and rejects where the schema has them.
 */
public final class MirrorStatus {

    private final Settings settings;
    private final Clock clock;

    public MirrorStatus(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** streams empty: every stream the profile offers plus any other the mirror has runs of. */
    public StatusReport read(List<String> streams, int runsPerStream, int imports) throws SQLException {
        Profile profile = Profile.from(settings);
        MirrorVendor vendor = MirrorVendor.fromUrl(settings.get("mirror.jdbc.url"));
        Instant now = clock.instant();
        try (Connection c = MirrorProbe.connect(settings)) {
            requireTable(c, "sync_runs");
            Map<String, StreamDeclaration> declared = StreamDeclarations.of(settings).byName();
            Set<String> chosen = new LinkedHashSet<>(streams);
            if (chosen.isEmpty()) {
                chosen.addAll(profile.streams().keySet());
                chosen.addAll(strings(c, "SELECT DISTINCT stream FROM sync_runs ORDER BY stream"));
            }
            boolean rejectsTable = probe(c, "SELECT COUNT(*) FROM sync_rejects WHERE 1 = 0");
            Map<String, Long> rejects = rejectsTable ? countsByStream(c, "SELECT stream, COUNT(*) FROM sync_rejects GROUP BY stream") : Map.of();
            Map<String, Long> missing = probe(c, "SELECT COUNT(*) FROM sync_missing WHERE 1 = 0")
                    ? countsByStream(c, "SELECT stream, COUNT(*) FROM sync_missing GROUP BY stream") : Map.of();
            Map<String, StatusReport.LockHolder> holders = lockHolders(c, vendor);
            List<StatusReport.StreamStatus> result = new ArrayList<>();
            for (String stream : chosen) {
                List<StatusReport.Run> runs = runs(c, vendor, stream, runsPerStream);
                Instant lastSuccess = MirrorJdbc.lastRunEnded(c, vendor, stream, "success");
                StreamDeclaration declaration = declared.get(stream);
                String cron = declaration == null ? settings.get("sync." + stream + ".cron", null)
                        : Schedules.cron(settings, declaration);
                Freshness freshness = Freshness.of(lastSuccess, cron, now);
                result.add(new StatusReport.StreamStatus(stream, profile.offers(stream), freshness, holders.get(stream),
                        missing.getOrDefault(stream, 0L), rejectsTable ? rejects.getOrDefault(stream, 0L) : null, runs));
            }
            StatusReport.Rejects rejectNote = rejectsTable
                    ? new StatusReport.Rejects(true, "records the mirror could not store are counted per stream from sync_rejects")
                    : new StatusReport.Rejects(false, "this mirror's schema has no sync_rejects table, so rejected records are"
                    + " not recorded; a newer klink-sync adds it when it next opens the mirror");
            return new StatusReport(MirrorProbe.describe(settings), profile.name(), now, result,
                    importRuns(c, vendor, imports), rejectNote, cluster(c, vendor));
        }
    }

    /**
     * The nodes that ran streams, from the node column of sync_runs (host:pid of the process), each with the
     * streams it ran and when it last began one. A mirror from before that column has no nodes to show.
     */
    private StatusReport.Cluster cluster(Connection c, MirrorVendor vendor) throws SQLException {
        boolean clustered = "true".equalsIgnoreCase(settings.get("scheduler.clustered"));
        String mode = clustered ? "cluster (Quartz clustered JDBC JobStore in the mirror)" : "single process";
        if (!probe(c, "SELECT node FROM sync_runs WHERE 1 = 0")) {
            return new StatusReport.Cluster(clustered, null, mode + "; this mirror's sync_runs has no node column yet");
        }
        Map<String, StatusReport.Node> nodes = new java.util.LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT node, stream, MAX(started_at) AS last"
                + " FROM sync_runs WHERE node IS NOT NULL GROUP BY node, stream ORDER BY node, stream")) {
            while (rs.next()) {
                String name = rs.getString("node");
                Instant last = vendor.readInstant(rs, "last");
                StatusReport.Node known = nodes.get(name);
                List<String> streams = new ArrayList<>(known == null ? List.of() : known.streams());
                streams.add(rs.getString("stream"));
                Instant seen = known == null || last.isAfter(known.lastSeenAt()) ? last : known.lastSeenAt();
                nodes.put(name, new StatusReport.Node(name, seen, streams));
            }
        }
        return new StatusReport.Cluster(clustered, List.copyOf(nodes.values()),
                mode + "; nodes as recorded in sync_runs, with the streams each ran and its last run's start");
    }

    private static void requireTable(Connection c, String table) throws SQLException {
        if (!probe(c, "SELECT COUNT(*) FROM " + table + " WHERE 1 = 0")) {
            throw new SQLException("the mirror has no " + table + " table: it was never migrated or synced."
                    + " Run klink-sync sync (or run) against it first; klink-sync check says what is missing.");
        }
    }

    /** Whether a query runs: how a table added by a later migration is detected on every vendor. */
    private static boolean probe(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet ignored = s.executeQuery(sql)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static Map<String, Long> countsByStream(Connection c, String sql) {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            return Map.of(); // a table of another shape than expected: nothing to count, not a failure of status
        }
        return counts;
    }

    private static Map<String, StatusReport.LockHolder> lockHolders(Connection c, MirrorVendor vendor) throws SQLException {
        Map<String, StatusReport.LockHolder> holders = new HashMap<>();
        if (!probe(c, "SELECT COUNT(*) FROM sync_lock_holders WHERE 1 = 0")) {
            return holders;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT stream, holder, acquired_at FROM sync_lock_holders")) {
            while (rs.next()) {
                holders.put(rs.getString("stream"), new StatusReport.LockHolder(rs.getString("holder"), vendor.readInstant(rs, "acquired_at")));
            }
        }
        return holders;
    }

    private static List<StatusReport.Run> runs(Connection c, MirrorVendor vendor, String stream, int limit) throws SQLException {
        List<StatusReport.Run> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM sync_runs WHERE stream = ? ORDER BY id DESC")) {
            s.setString(1, stream);
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                boolean hasRejected = hasColumn(rs.getMetaData(), "rejected");
                while (rs.next()) {
                    runs.add(new StatusReport.Run(rs.getLong("id"), rs.getString("status"),
                            vendor.readInstant(rs, "started_at"), vendor.readInstant(rs, "ended_at"),
                            rs.getLong("pages"), rs.getLong("records_seen"), rs.getLong("inserted"), rs.getLong("updated"),
                            rs.getLong("unchanged"), rs.getLong("deleted"), hasRejected ? rs.getLong("rejected") : null,
                            rs.getString("error")));
                }
            }
        }
        return runs;
    }

    private static List<StatusReport.ImportRun> importRuns(Connection c, MirrorVendor vendor, int limit) throws SQLException {
        List<StatusReport.ImportRun> imports = new ArrayList<>();
        if (!probe(c, "SELECT COUNT(*) FROM import_runs WHERE 1 = 0")) {
            return imports;
        }
        try (Statement s = c.createStatement()) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery("SELECT * FROM import_runs ORDER BY id DESC")) {
                while (rs.next()) {
                    imports.add(new StatusReport.ImportRun(rs.getLong("id"), rs.getString("file_name"), rs.getString("mode"),
                            rs.getString("status"), vendor.readInstant(rs, "started_at"), vendor.readInstant(rs, "ended_at"),
                            rs.getLong("rows_total"), rs.getLong("rows_created"), rs.getLong("rows_updated"),
                            rs.getLong("rows_unchanged"), rs.getLong("rows_invalid"), rs.getLong("rows_failed"),
                            rs.getString("error")));
                }
            }
        }
        return imports;
    }

    private static boolean hasColumn(ResultSetMetaData meta, String name) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
