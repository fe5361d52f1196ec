package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak resident set of a measured process, from GNU time's verbose report (`/usr/bin/time -v`): the kernel's
 * ru_maxrss of the process, exact to its end. Sampling /proc/PID/status (VmHWM) cannot see the last moments before
 * exit, and under the CPU-timing wrapper the pid is the wrapper's. Without /usr/bin/time the figure is missing,
 * with a note, and the benchmark still runs.
 */
final class PeakRss {

    /** GNU time, which the measured sync runs under when it is there (-Dklink.bench.time names another, or none). */
    static final Path TIME = Path.of(System.getProperty("klink.bench.time", "/usr/bin/time"));
    private static final Pattern MAXIMUM = Pattern.compile("(?m)^\\s*Maximum resident set size \\(kbytes\\):\\s*(\\d+)\\s*$");

    private PeakRss() {
    }

    static boolean available() {
        return Files.isExecutable(TIME);
    }

    /** The note a table gets when the figure cannot be measured here. */
    static String missingNote() {
        return "peak RSS figures are missing: no " + TIME + " here (the package time gives it)";
    }

    /** Kilobytes from the text of `/usr/bin/time -v`, or none when it has no such line. */
    static OptionalLong parseKb(String report) {
        Matcher m = MAXIMUM.matcher(report);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** Kilobytes from the report file, or none when it is absent or has no such line. */
    static OptionalLong readKb(Path report) {
        try {
            return Files.isRegularFile(report) ? parseKb(Files.readString(report)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
