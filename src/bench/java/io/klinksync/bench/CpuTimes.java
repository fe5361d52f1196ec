package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CPU seconds (user + sys) of a process run by {@link JarProcess#runCpuTimed}, from bash's `times` output. */
final class CpuTimes {

    /** `times` prints the shell's own user and sys on line 1, its children's on line 2, each like 1m2.345s. */
    private static final Pattern TIME = Pattern.compile("(\\d+)m([\\d.]+)s");

    private CpuTimes() {
    }

    static double childSeconds(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BenchException("No CPU times in " + file + " (" + e.getMessage() + "); did the process start?", e);
        }
        if (lines.size() < 2) {
            throw new BenchException("Expected two lines of bash `times` in " + file + ", got " + lines);
        }
        Matcher m = TIME.matcher(lines.get(1));
        double seconds = 0;
        int found = 0;
        while (m.find()) {
            seconds += Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2));
            found++;
        }
        if (found != 2) {
            throw new BenchException("Cannot read user and sys CPU from '" + lines.get(1) + "' in " + file);
        }
        return seconds;
    }
}
