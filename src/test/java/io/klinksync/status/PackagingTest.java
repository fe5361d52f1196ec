package io.klinksync.status;

import io.klinksync.cli.KlinkSync;
import io.klinksync.config.KnownKeys;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile and docker-compose.yml cannot be built here (no Docker engine): every path they copy and every
 * command and setting they run with must exist in the project and its build, so they are right when they are built.
 */
class PackagingTest {

    /** The home of klink-sync inside the image. */
    private static final String HOME = "/opt/klink-sync";

    private static final Pattern JSON_ARRAY_ITEM = Pattern.compile("\"([^\"]*)\"");

    @Test
    void dockerfileCopiesRealPathsAndRunsARealCommandAsANonRootUser() throws Exception {
        List<String> lines = instructions(Path.of("Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("maven:").contains("temurin-17").endsWith(" AS build");
        assertThat(froms.get(1)).contains("temurin:17-jre");

        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.substring(5).trim().split("\\s+");
                for (String source : Arrays.copyOf(parts, parts.length - 1)) {
                    assertThat(Path.of(source)).as("COPY source %s", source).exists();
                }
            }
        }
        String fromBuild = lines.stream().filter(l -> l.startsWith("COPY --from=build")).findFirst().orElseThrow();
        assertThat(fromBuild).contains("/target/klink-sync.jar").endsWith("./target/klink-sync.jar");
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        assertThat(pom).as("the build makes target/klink-sync.jar").contains("<finalName>klink-sync</finalName>");
        assertThat(Files.readString(Path.of("bin", "klink-sync"))).as("bin/klink-sync runs that jar").contains("$home/target/klink-sync.jar");
        assertThat(Path.of("bin", "klink-sync")).isExecutable();

        // The runtime stage holds the launcher, the jar, config/ and routes/, as a klink-sync folder does.
        int runtime = lines.indexOf(froms.get(1));
        List<String> runtimeLines = lines.subList(runtime, lines.size());
        assertThat(runtimeLines).contains("WORKDIR " + HOME, "COPY bin ./bin", "COPY config ./config", "COPY routes ./routes");
        String user = runtimeLines.stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow();
        assertThat(user.substring(5).trim()).isNotIn("root", "0");
        assertThat(runtimeLines.indexOf(user)).isGreaterThan(runtimeLines.indexOf(runtimeLines.stream().filter(l -> l.startsWith("RUN mkdir")).findFirst().orElseThrow()));
        List<String> volumes = arrayItems(runtimeLines.stream().filter(l -> l.startsWith("VOLUME ")).findFirst().orElseThrow());
        assertThat(volumes).containsExactlyInAnyOrder(HOME + "/data", HOME + "/config");

        List<String> entrypoint = arrayItems(runtimeLines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow());
        assertThat(entrypoint).containsExactly("bin/klink-sync");
        List<String> command = arrayItems(runtimeLines.stream().filter(l -> l.startsWith("CMD ")).findFirst().orElseThrow());
        assertThat(command).containsExactly("run");
        assertRealCommand(command);
        for (String env : runtimeLines.stream().filter(l -> l.startsWith("ENV ")).toList()) {
            assertKnownVariable(env.substring(4).split("=")[0].trim());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsPostgresTheSandboxAndTwoClusteredReplicasWithRealCommandsAndSettings() throws Exception {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker-compose.yml"), StandardCharsets.UTF_8));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("postgres", "sandbox", "run-1", "run-2");
        assertThat((String) ((Map<String, Object>) services.get("postgres")).get("image")).startsWith("postgres:");
        int replicas = 0;
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) entry.getValue();
            if (!".".equals(service.get("build"))) {
                continue;
            }
            List<String> command = (List<String>) service.get("command");
            assertRealCommand(command);
            Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            env.keySet().forEach(PackagingTest::assertKnownVariable);
            if ("run".equals(command.get(0))) {
                replicas++;
                assertThat(env.get("KLINK_SCHEDULER_CLUSTERED")).isEqualTo("true");
                assertThat((String) env.get("KLINK_MIRROR_JDBC_URL")).startsWith("jdbc:postgresql://postgres:");
                assertThat((List<String>) service.get("volumes")).allMatch(v -> v.endsWith(":" + HOME + "/data"));
            }
        }
        assertThat(replicas).isEqualTo(2);
    }

    /** The first word is a klink-sync command and every --option after it is one of that command's options. */
    private static void assertRealCommand(List<String> command) {
        CommandLine cli = KlinkSync.commandLine();
        assertThat(cli.getSubcommands()).as("klink-sync commands").containsKey(command.get(0));
        CommandLine sub = cli.getSubcommands().get(command.get(0));
        for (String word : command.subList(1, command.size())) {
            if (word.startsWith("--")) {
                assertThat(sub.getCommandSpec().findOption(word)).as("%s has option %s", command.get(0), word).isNotNull();
            }
        }
        // and picocli accepts the whole line as given
        KlinkSync.commandLine().parseArgs(command.toArray(String[]::new));
    }

    private static void assertKnownVariable(String variable) {
        if (KnownKeys.OTHER_VARIABLES.contains(variable)) {
            return;
        }
        KnownKeys known = KnownKeys.of(Path.of("config"), Path.of("config", "providers", "klink.properties"));
        assertThat(known.unknown(Path.of("config", "application.properties"), java.util.Set.of(), Map.of(variable, "x"), java.util.Set.of()))
                .as("%s names a setting", variable).isEmpty();
    }

    /** Dockerfile instructions, comments and continuation lines folded. */
    private static List<String> instructions(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            lines.add(current.toString());
            current.setLength(0);
        }
        return lines;
    }

    private static List<String> arrayItems(String instruction) {
        List<String> items = new ArrayList<>();
        Matcher m = JSON_ARRAY_ITEM.matcher(instruction);
        while (m.find()) {
            items.add(m.group(1));
        }
        return items;
    }
}
