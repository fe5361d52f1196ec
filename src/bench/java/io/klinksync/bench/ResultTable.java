package io.klinksync.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The figures of one benchmark run, printed as a table and written as results.csv and results.md. */
public final class ResultTable {

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void add(Figure figure) {
        figures.add(figure);
    }

    public synchronized void note(String note) {
        notes.add(note);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized void print(PrintStream out) {
        int width = Math.max(58, figures.stream().mapToInt(f -> f.name().length()).max().orElse(0));
        int scenarioWidth = Math.max(11, figures.stream().mapToInt(f -> f.scenario().length()).max().orElse(0));
        String format = "%-" + scenarioWidth + "s %-" + width + "s %12s %-8s %-10s %-7s %s%n";
        out.printf(format, "scenario", "figure", "median", "unit", "target", "result", "runs");
        for (Figure f : figures) {
            out.printf(format, f.scenario(), f.name(), Figure.format(f.median()), f.unit(), f.target(), f.verdict(), f.runsText());
        }
        notes.forEach(n -> out.println("Note: " + n));
    }

    public synchronized void write(Path dir, String machine, String command) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("scenario,figure,unit,median,target,result,runs\n");
        for (Figure f : figures) {
            csv.append(String.join(",", quote(f.scenario()), quote(f.name()), quote(f.unit()), Figure.format(f.median()),
                    quote(f.target()), quote(f.verdict()), quote(f.runsText()))).append('\n');
        }
        Files.writeString(dir.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.md"), markdown(machine, command), StandardCharsets.UTF_8);
    }

    public synchronized String markdown(String machine, String command) {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ").append(machine).append("  \n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("| scenario | figure | median | unit | target | result | runs |\n");
        md.append("|---|---|---:|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.scenario()).append(" | ").append(f.name())
                    .append(f.note().isEmpty() ? "" : " (" + f.note() + ")").append(" | ")
                    .append(Figure.format(f.median())).append(" | ").append(f.unit()).append(" | ")
                    .append(f.target().replace("<", "&lt;").replace(">", "&gt;")).append(" | ")
                    .append(f.verdict()).append(" | ").append(f.runsText()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
