package io.klinksync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs `klink-sync` in a separate JVM, as a user would, with its own environment; output goes to a file. */
public final class KlinkProcess {

    private final Process process;
    private final Path output;

    private KlinkProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static KlinkProcess start(Map<String, String> env, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.klinksync.cli.KlinkSync"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("KLINK_"));
        builder.environment().putAll(env);
        return new KlinkProcess(builder.start(), output);
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGKILL: no shutdown hook, no finally block runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** Sends a signal by name (TERM, INT) as a service manager or a terminal would. */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** The exit code, or null when the process is still running after the timeout. */
    public Integer waitFor(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : null;
    }
}
