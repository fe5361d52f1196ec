package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark ran on, in one line: figures are only comparable on the same line. */
public record Machine(int cores, long memoryMb, String jdk, String os, String loadAverage) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryMb(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readLoadAverage());
    }

    public String describe() {
        return cores + " cores, " + (memoryMb > 0 ? memoryMb + " MB RAM, " : "") + jdk + ", " + os
                + (loadAverage.isEmpty() ? "" : ", load average at start " + loadAverage);
    }

    private static long readMemoryMb() {
        for (String line : readLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String readLoadAverage() {
        List<String> lines = readLines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "";
        }
        String[] parts = lines.get(0).split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "";
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
