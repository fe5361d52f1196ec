package io.klinksync.cli;

import io.klinksync.api.Profile;
import io.klinksync.config.ApiToken;
import io.klinksync.config.Settings;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sandbox.SandboxOptions;
import io.klinksync.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a sandbox on a free port, sync every stream into the embedded H2 mirror (./data) and into"
                + " CSV (./data/csv), export contacts, re-import an edited sample CSV, and print a summary.")
public class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Settings base = config.load(Map.of("profile", "klink"));
        // A fresh token per demo: the sandbox accepts only it, and it is registered as a secret like a real one.
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ApiToken token = ApiToken.of(secret);
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
                .profile(Profile.from(base)).port(0).token(secret))) {
            out.println("Sandbox API for profile klink at " + sandbox.baseUrl());
            Settings settings = base.with(Map.of("api.base-url", sandbox.baseUrl()));

            List<SyncRun> database = SyncCommand.syncStreams(settings, token, List.of());
            out.println("Synced into " + settings.get("mirror.jdbc.url") + ":");
            database.forEach(run -> out.println("  " + run));

            Settings csv = settings.with(Map.of("mirror.type", "csv"));
            List<SyncRun> files = SyncCommand.syncStreams(csv, token, List.of());
            out.println("Synced into CSV files in " + csv.get("mirror.csv.dir") + ":");
            files.forEach(run -> out.println("  " + run));

            boolean allSucceeded = database.stream().allMatch(r -> "success".equals(r.status()))
                    && files.stream().allMatch(r -> "success".equals(r.status()));
            return allSucceeded ? 0 : 1;
        }
    }
}
