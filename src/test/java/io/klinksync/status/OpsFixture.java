package io.klinksync.status;

import io.klinksync.api.Profile;
import io.klinksync.cli.KlinkSync;
import io.klinksync.cli.SandboxDeployments;
import io.klinksync.config.Settings;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import io.klinksync.testing.TestDatabase;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sandbox and a mirror database, and the CLI run in-process against them with --set values. */
final class OpsFixture implements AutoCloseable {

    static final String TOKEN = "ops-fixture-token-51c2";

    record Outcome(int exit, String out, String err) {
    }

    final SandboxServer sandbox;
    final TestDatabase database;
    final Map<String, String> values = new LinkedHashMap<>();

    OpsFixture(TestDatabase database) {
        this.database = database;
        Settings base = Settings.load(Path.of("config"), Map.of(), Map.of("profile", "klink"));
        sandbox = SandboxServer.start(SandboxOptions.defaults().deployment(SandboxDeployments.of(Profile.from(base))).port(0).token(TOKEN));
        values.put("api.base-url", sandbox.baseUrl());
        values.put("mirror.type", "jdbc");
        values.put("mirror.jdbc.url", database.url());
        values.put("mirror.jdbc.user", database.user());
        values.put("mirror.jdbc.password", database.password());
        values.put("api.rate-limit", "1000");
        values.put("api.retry.initial-delay", "20");
        values.put("api.retry.max-delay", "200");
    }

    Settings settings() {
        return Settings.load(Path.of("config"), Map.of(), values);
    }

    /** `klink-sync COMMAND --set k=v ... ARGS` in this JVM (no KLINK_TOKEN here: surefire blanks it). */
    Outcome cli(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        values.forEach((k, v) -> all.addAll(List.of("--set", k + "=" + v)));
        all.addAll(List.of(args));
        CommandLine cli = KlinkSync.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Outcome(exit, out.toString(), err.toString());
    }

    long count(String sql) throws java.sql.SQLException {
        try (var c = database.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        sandbox.close();
        database.close();
    }
}
