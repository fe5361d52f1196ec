package io.klinksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh embedded-H2 mirrors for benchmark runs: a folder per run, emptied first. */
final class H2Files {

    /** The database name inside the folder: the file is BASE.mv.db. */
    static final String BASE = "mirror";

    private H2Files() {
    }

    /** A JDBC URL of an H2 file in an empty folder. */
    static String fresh(Path folder) {
        emptyFolder(folder);
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve(BASE) + ";AUTO_SERVER=FALSE";
    }

    /** FOLDER, created empty (also for the other embedded engine's files, SQLite's). */
    static void emptyFolder(Path folder) {
        delete(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BenchException("Cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new BenchException("Cannot empty " + folder + ": " + e.getMessage(), e);
        }
    }
}
