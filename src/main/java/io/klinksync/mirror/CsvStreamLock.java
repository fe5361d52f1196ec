package io.klinksync.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The CSV mirror's stream lock, and the SQLite mirror's: an operating-system lock on a file in the mirror's folder
 * (beside the SQLite database), which the system frees when its holder dies. The file says who holds it, for the
 * message another process shows.
 */
final class CsvStreamLock implements StreamLock {

    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private CsvStreamLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StreamLock acquire(Path dir, String stream, long waitMillis) {
        return acquire(dir.resolve("." + stream + ".lock"), stream, waitMillis, "The CSV mirror's folder must be writable.");
    }

    /** The lock of a stream held on the given file; hint ends the message when the file cannot be written. */
    static StreamLock acquire(Path file, String stream, long waitMillis, String hint) {
        Path dir = file.toAbsolutePath().getParent();
        long deadline = System.nanoTime() + Math.max(0, waitMillis) * 1_000_000;
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((LockHolder.thisProcess() + ", since " + Instant.now())
                            .getBytes(StandardCharsets.UTF_8)), 0);
                    return new CsvStreamLock(channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                    channel.close();
                    throw LockHolder.busy(stream, holder.isEmpty() ? null : holder, waitMillis);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new MirrorException("Cannot take the writer lock " + file + " of stream " + stream + ": "
                    + e.getMessage() + ". " + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorException("Interrupted while waiting for the writer lock of stream " + stream + ".", e);
        }
    }

    /** Null when another process, or another run in this one, holds the file. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    @Override
    public boolean held() {
        return lock.isValid();
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The system frees the lock when the channel or the process ends.
        }
    }
}
