package io.klinksync.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a baseline in a new JVM (java -cp the product jar and the harness, default options), so it starts as cold as the klink-sync
 * process it is compared with. Run inside the benchmark's JVM, baselines got faster run by run on code compiled
 * by the earlier runs (the import loop: 15.5 s, then 10.7 s). The baseline's main prints one result line.
 */
final class FreshJvm {

    private static final String RESULT = "bench-result ";

    private FreshJvm() {
    }

    /** Runs MAIN with ARGS (the token in KLINK_TOKEN), output to LOG; answers the fields of its result line. */
    static String[] run(BenchSetup setup, Class<?> main, List<String> args, Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", setup.jar() + File.pathSeparator + harness(), main.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KLINK_TOKEN", setup.token());
        try {
            Process process = builder.start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = process.waitFor();
            Files.createDirectories(log.getParent());
            Files.writeString(log, output);
            String line = output.lines().filter(l -> l.startsWith(RESULT)).findFirst().orElseThrow(() ->
                    new BenchException(main.getSimpleName() + " (exit " + exit + ") printed no result; see " + log));
            return line.substring(RESULT.length()).split(" ");
        } catch (IOException e) {
            throw new BenchException("Cannot run " + main.getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while " + main.getSimpleName() + " ran", e);
        }
    }

    /** Where the harness's classes are (its jar, or a classes folder): the product jar no longer holds them. */
    private static String harness() {
        try {
            return Path.of(FreshJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return System.getProperty("java.class.path");
        }
    }

    /** The line a baseline's main prints for {@link #run}; fields must not contain spaces. */
    static void printResult(Object... fields) {
        StringBuilder line = new StringBuilder(RESULT);
        for (int i = 0; i < fields.length; i++) {
            line.append(i == 0 ? "" : " ").append(fields[i]);
        }
        System.out.println(line);
    }
}
