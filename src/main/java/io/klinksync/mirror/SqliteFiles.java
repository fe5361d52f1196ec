package io.klinksync.mirror;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The file of a SQLite mirror, and the lock files klink-sync keeps beside it. */
final class SqliteFiles {

    private static final Map<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private SqliteFiles() {
    }

    /** The database file of jdbc:sqlite:PATH or jdbc:sqlite:file:PATH (query parameters left out). */
    static Path database(String url) {
        String location = url.substring("jdbc:sqlite:".length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (location.isEmpty() || lower.startsWith(":memory:") || lower.contains("mode=memory")) {
            throw new MirrorException("A SQLite mirror must be a file (jdbc:sqlite:/path/to/mirror.db): each connection"
                    + " to an in-memory SQLite database sees a database of its own.");
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Path.of(location).toAbsolutePath();
    }

    /** DATABASE.SUFFIX, in the database's folder. */
    static Path beside(String url, String suffix) {
        Path file = database(url);
        return file.resolveSibling(file.getFileName() + "." + suffix);
    }

    static void createFolder(String url) {
        Path parent = database(url).getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new MirrorException("Cannot create the folder " + parent + " for the SQLite mirror: " + e.getMessage()
                    + ". Create it, or point mirror.jdbc.url elsewhere.", e);
        }
    }

    /**
     * Held while a SQLite mirror's schema is brought up to date (DATABASE.klink-schema.lock), so that processes
     * opening a new mirror together create each table once; SQLite has no lock statement to do it. Waits as
     * long as it takes, like PostgreSQL's pg_advisory_lock; none for the other vendors.
     */
    static AutoCloseable schemaLock(MirrorVendor vendor, String url) {
        if (vendor != MirrorVendor.SQLITE) {
            return () -> {
            };
        }
        Path file = beside(url, "klink-schema.lock");
        ReentrantLock local = IN_THIS_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return () -> {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw new MirrorException("Cannot take the schema lock " + file + " of the SQLite mirror: " + e.getMessage()
                    + ". The folder of the SQLite mirror must be writable.", e);
        }
    }
}
