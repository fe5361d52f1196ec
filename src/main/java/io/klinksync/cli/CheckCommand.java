package io.klinksync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klinksync.status.CheckResult;
import io.klinksync.status.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check, one line each with ✓ or ✗: configuration keys, profile, base URL, token (one smallest"
                + " first page per offered stream), mirror reachable and migrated (nothing is migrated), cron"
                + " schedules. Exit 0 when all pass, 1 when one failed, 2 when check could not run.")
public class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    MirrorOptions mirrorOptions;

    @Option(names = "--json", description = "Print the checks as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> commandLine = new LinkedHashMap<>(config.commandLineValues());
        commandLine.putAll(mirrorOptions.values());
        List<CheckResult> results = new Checks(config.configDir(), commandLine, config.overrides, System.getenv()).run();
        boolean ok = results.stream().allMatch(CheckResult::ok);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonResults.JSON.createObjectNode().put("ok", ok);
            root.set("checks", JsonResults.JSON.valueToTree(results));
            out.println(JsonResults.JSON.writeValueAsString(root));
        } else {
            results.forEach(r -> out.println(r.line()));
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
