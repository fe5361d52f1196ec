package io.klinksync.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * Writes a file that is never seen half-written: the content goes to a temporary file beside the target, which
 * is renamed over the target only once complete. A failure or a stop (SIGTERM, Ctrl-C) removes the temporary
 * file and leaves the target as it was, and so does a process halted at the end of shutdown.grace.
 */
final class WholeFile {

    private WholeFile() {
    }

    /** Calls {@code writer} with the temporary path to write to, then puts it in place; answers what writer did. */
    static <T> T write(Path target, Function<Path, T> writer) {
        Path temporary = temporaryBeside(target);
        try (HaltActions.Registration halt = HaltActions.onHalt(() -> deleteQuietly(temporary))) {
            T result = writer.apply(temporary);
            replace(temporary, target);
            return result;
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** Hidden, and not ending in .csv, so that neither a spreadsheet user nor the import inbox takes it for input. */
    private static Path temporaryBeside(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".part");
    }

    private static void replace(Path temporary, Path target) {
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot put the finished " + target.getFileName() + " in place of " + target
                    + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            System.err.println("Could not remove the unfinished " + temporary + ": " + e.getMessage());
        }
    }
}
