package io.klinksync.sync;

import io.klinksync.api.Profile;
import io.klinksync.cli.SandboxDeployments;
import io.klinksync.cli.SyncCommand;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.TestDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A sandbox API and a fresh mirror database, wired together the way `klink-sync sync` wires them. */
final class SyncFixture implements AutoCloseable {

    static final String TOKEN = "fixture-token-7f3a9c";

    final SandboxServer sandbox;
    TestDatabase database;
    private final Map<String, String> overrides = new HashMap<>();

    SyncFixture(String vendor, SandboxOptions options) {
        database = TestDatabase.create(vendor);
        Settings base = Settings.load(Path.of("config"), Map.of(), Map.of("profile", "klink"));
        sandbox = SandboxServer.start(options.deployment(SandboxDeployments.of(Profile.from(base))).port(0).token(TOKEN));
        overrides.put("api.base-url", sandbox.baseUrl());
        overrides.put("mirror.type", "jdbc");
        overrides.put("mirror.jdbc.url", database.url());
        overrides.put("mirror.jdbc.user", database.user());
        overrides.put("mirror.jdbc.password", database.password());
        overrides.put("api.rate-limit", "1000");
        overrides.put("api.retry.initial-delay", "20");
        overrides.put("api.retry.max-delay", "200");
    }

    SyncFixture(String vendor) {
        this(vendor, SandboxOptions.defaults());
    }

    /** Swaps the mirror database, e.g. for one another process can open too. */
    void useDatabase(TestDatabase other) {
        database.close();
        database = other;
        overrides.put("mirror.jdbc.url", other.url());
        overrides.put("mirror.jdbc.user", other.user());
        overrides.put("mirror.jdbc.password", other.password());
    }

    SyncFixture set(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    Settings settings() {
        return Settings.load(Path.of("config"), Map.of(), overrides);
    }

    List<SyncRun> sync(String... streams) throws Exception {
        return SyncCommand.syncStreams(settings(), ApiToken.of(TOKEN), List.of(streams));
    }

    SyncRun syncOne(String stream) throws Exception {
        return sync(stream).get(0);
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Requests the sandbox has answered with 200 so far: pages served, for tests that act mid-walk. */
    long okResponses() {
        return sandbox.requests().stream().filter(r -> r.status() == 200).count();
    }

    /** One row as column name (lower case) -> value, or an empty map. */
    Map<String, Object> row(String sql, Object... args) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                }
                return row;
            }
        }
    }

    /** A timestamp column as an instant, whichever Java type the vendor's driver answers with. */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (value instanceof String iso && iso.endsWith("Z")) {
            return Instant.parse(iso); // SQLite: ISO-8601 UTC text (MirrorVendor.SQLITE_INSTANT)
        }
        throw new IllegalArgumentException("Not a timestamp: " + value.getClass() + " " + value);
    }

    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() != 0;
        }
        throw new IllegalArgumentException("Not a boolean: " + value);
    }

    @Override
    public void close() {
        sandbox.close();
        database.close();
    }
}
