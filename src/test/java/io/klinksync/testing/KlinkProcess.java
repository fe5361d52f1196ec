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

    /** stdout and stderr both go to output, in the order written. */
    public static KlinkProcess start(Map<String, String> env, Path output, String... args) throws IOException {
        return start(env, output, null, args);
    }

    /** stdout to output and stderr to errors, for output a script would parse. */
    public static KlinkProcess start(Map<String, String> env, Path output, Path errors, String... args) throws IOException {
        return start(List.of(), env, output, errors, args);
    }

    /** In a working folder of its own, where the shipped relative paths (./data/...) then lead. */
    public static KlinkProcess startIn(Path workingDir, Map<String, String> env, Path output, String... args) throws IOException {
        return start(List.of(), workingDir, env, output, null, args);
    }

    /** With JVM options, e.g. a heap bound the process must live within. */
    public static KlinkProcess start(List<String> jvmOptions, Map<String, String> env, Path output, Path errors,
                                     String... args) throws IOException {
        return start(jvmOptions, null, env, output, errors, args);
    }

    private static KlinkProcess start(List<String> jvmOptions, Path workingDir, Map<String, String> env, Path output,
                                      Path errors, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.klinksync.cli.KlinkSync"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(errors.toFile());
        }
        builder.environment().keySet().removeIf(key -> key.startsWith("KLINK_"));
        builder.environment().putAll(env);
        return new KlinkProcess(builder.start(), output);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGKILL: no shutdown hook, no finally block runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM (what Process.destroy sends on Linux), as a service manager stops a process. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Skips the calling test when this JVM ignores SIGINT, as a background job started without job control does:
     * its children inherit that, so a Ctrl-C could never reach them.
     */
    public static void assumeCtrlCCanArrive() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> l.substring("SigIgn:".length()).strip()).findFirst().orElse("0");
        boolean sigint = (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) != 0;
        org.junit.jupiter.api.Assumptions.assumeFalse(sigint, "SIGINT is ignored by the process that started these tests"
                + " (a background job without job control), so a Ctrl-C cannot reach klink-sync; run them from a terminal");
    }

    /** SIGINT, as Ctrl-C in a terminal sends it. */
    public void interrupt() throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IOException("kill -INT " + process.pid() + " exited with " + code);
        }
    }

    /** Waits at most the timeout; the exit code, or empty when the process is still running. */
    public java.util.OptionalInt waitFor(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }
}
