package io.klinksync.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The terminal as the process shares it: at most one live line (a progress bar or a status) at the bottom of
 * stderr, and everything else written above it. Every write to stdout or stderr that goes through
 * {@link #stream} clears the live line first and redraws it after the line is complete, so log lines and
 * results never run into a bar. One lock orders all of it; without a live line a write passes straight through.
 */
public final class Screen {

    private static final String CLEAR_LINE = "\r\033[K";
    private static final Screen PROCESS = new Screen(System.out, System.err, detectTerminal());

    /** Whether live lines are drawn: auto follows the terminal test, always and never override it. */
    public enum Mode { AUTO, ALWAYS, NEVER }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private volatile Mode mode = Mode.AUTO;
    private String live;          // the live line as last drawn, or null
    private boolean midLine;      // a write ended without a newline: no redraw until it does
    private int width;

    Screen(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static Screen process() {
        return PROCESS;
    }

    /**
     * Routes System.out and System.err through the screen, so that every println of the process (picocli's
     * messages, results, stack traces) lands above the live line. Called once by main.
     */
    public static void install() {
        System.setOut(new PrintStream(PROCESS.stream(PROCESS.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(PROCESS.stream(PROCESS.err), true, StandardCharsets.UTF_8));
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Whether bars and status lines are shown: stderr is a terminal (or --progress always), not --quiet. */
    public boolean live() {
        return mode == Mode.ALWAYS || (mode == Mode.AUTO && terminal);
    }

    /** A stream onto stdout or stderr that writes above the live line; closing it leaves the target open. */
    public OutputStream stream(PrintStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                above(target, b, off, len);
            }

            @Override
            public void flush() {
                target.flush();
            }
        };
    }

    /** The raw stderr stream the log appender writes to, above the live line. */
    public OutputStream errStream() {
        return stream(err);
    }

    synchronized void above(PrintStream target, byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (live != null && !midLine) {
            err.print(CLEAR_LINE);
            err.flush();
        }
        target.write(b, off, len);
        target.flush();
        midLine = b[off + len - 1] != '\n';
        if (live != null && !midLine) {
            err.print("\r" + live);
            err.flush();
        }
    }

    /** Draws (or redraws) the live line. */
    synchronized void draw(String line) {
        live = line;
        if (!midLine) {
            err.print("\r" + line + "\033[K");
            err.flush();
        }
    }

    /** Draws the live line one last time and leaves it on the screen as an ordinary line. */
    synchronized void settle(String line) {
        if (midLine) {
            err.println();
            midLine = false;
        }
        err.print("\r" + line + "\033[K\n");
        err.flush();
        live = null;
    }

    /** Clears the live line without leaving anything behind. */
    synchronized void clear() {
        if (live != null && !midLine) {
            err.print(CLEAR_LINE);
            err.flush();
        }
        live = null;
    }

    /** Columns of the terminal, asked once (stty); a line longer than that would wrap and break the redraw. */
    synchronized int width() {
        if (width == 0) {
            width = askWidth();
        }
        return width;
    }

    private static int askWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null && columns.matches("\\d+")) {
                return Integer.parseInt(columns);
            }
            Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor() == 0 && answer.matches("\\d+ \\d+")) {
                int cols = Integer.parseInt(answer.split(" ")[1]);
                return cols > 20 ? cols : 100;
            }
        } catch (IOException e) {
            // no stty: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /**
     * Whether stderr is a terminal. On Linux fd 2 is looked at directly, so `sync > results.txt` still shows bars
     * on the terminal; elsewhere System.console() (stdin and stdout are a terminal) is the test.
     */
    private static boolean detectTerminal() {
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall back to the console test
        }
        return System.console() != null;
    }
}
