package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap from a -Xlog:gc file: the largest "used before" of any collection ("Pause Young ... 180M->40M(256M)").
 * The heap is fullest just before a collection, so this is the peak the JVM actually reached, to GC precision.
 */
public final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {
    }

    /** The -Xlog option that writes what {@link #peakHeapMb} reads. */
    public static String option(Path file) {
        return "-Xlog:gc:file=" + file.toAbsolutePath();
    }

    public record Peak(double usedMb, double committedMb, int collections) {
    }

    public static Peak peak(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BenchException("Cannot read the GC log " + file + ": " + e.getMessage(), e);
        }
        double used = 0;
        double committed = 0;
        int collections = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                collections++;
                used = Math.max(used, mb(m.group(1), m.group(2)));
                committed = Math.max(committed, mb(m.group(5), m.group(6)));
            }
        }
        return new Peak(used, committed, collections);
    }

    private static double mb(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }
}
