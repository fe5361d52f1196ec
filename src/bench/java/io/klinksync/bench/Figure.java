package io.klinksync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One reported figure: its value in every run and their median, and where the issue sets one, the target
 * the median is held to (at least {@code min}, at most {@code max}).
 */
public record Figure(String scenario, String name, String unit, List<Double> runs, Double min, Double max, String note) {

    public static Figure of(String scenario, String name, String unit, List<Double> runs) {
        return new Figure(scenario, name, unit, List.copyOf(runs), null, null, "");
    }

    public Figure atLeast(double target) {
        return new Figure(scenario, name, unit, runs, target, max, note);
    }

    public Figure atMost(double target) {
        return new Figure(scenario, name, unit, runs, min, target, note);
    }

    public Figure noted(String text) {
        return new Figure(scenario, name, unit, runs, min, max, text);
    }

    public double median() {
        List<Double> sorted = new ArrayList<>(runs);
        sorted.removeIf(v -> v == null || v.isNaN());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public boolean hasTarget() {
        return min != null || max != null;
    }

    public String target() {
        if (min != null) {
            return ">= " + format(min);
        }
        return max != null ? "<= " + format(max) : "";
    }

    /** "met", "MISSED" or "" when the figure has no target. */
    public String verdict() {
        if (!hasTarget()) {
            return "";
        }
        double median = median();
        boolean met = !Double.isNaN(median) && (min == null || median >= min) && (max == null || median <= max);
        return met ? "met" : "MISSED";
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public String runsText() {
        return String.join(" / ", runs.stream().map(v -> v == null ? "-" : format(v)).toList());
    }
}
