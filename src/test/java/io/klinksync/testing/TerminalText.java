package io.klinksync.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows for a captured byte stream (a `script` typescript): carriage return, line feed and
 * erase-to-end-of-line are applied, other escape sequences dropped. Each line is what a person reads on it at the
 * end, so a bar redrawn in place shows only its last state, and text written into a bar's line shows up in it.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static List<String> lines(Path typescript) throws java.io.IOException {
        return lines(Files.readString(typescript, StandardCharsets.UTF_8));
    }

    public static List<String> lines(String raw) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int cursor = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\n') {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                cursor = 0;
            } else if (c == '\r') {
                cursor = 0;
            } else if (c == '\033' && i + 1 < raw.length() && raw.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < raw.length() && !Character.isLetter(raw.charAt(end))) {
                    end++;
                }
                if (end < raw.length() && raw.charAt(end) == 'K') {
                    line.setLength(Math.min(cursor, line.length()));
                }
                i = end;
            } else if (c >= ' ' || c == '\t') {
                while (line.length() < cursor) {
                    line.append(' ');
                }
                if (cursor < line.length()) {
                    line.setCharAt(cursor, c);
                } else {
                    line.append(c);
                }
                cursor++;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** Renders a typescript to text: `java -cp target/test-classes io.klinksync.testing.TerminalText FILE`. */
    public static void main(String[] args) throws Exception {
        lines(Path.of(args[0])).forEach(System.out::println);
    }
}
