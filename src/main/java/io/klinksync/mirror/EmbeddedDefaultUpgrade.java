package io.klinksync.mirror;

import io.klinksync.config.Settings;
import io.klinksync.config.UserMessage;
import io.klinksync.streams.StreamDeclarations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The embedded default moved from an H2 file (data/klink-mirror.mv.db) to a SQLite file. When the mirror in effect
 * is the shipped default URL (mirror.jdbc.url left as this build ships it), its SQLite file does not exist yet and
 * the old default H2 file lies in the same folder, the H2 mirror is copied into the new SQLite file
 * ({@link MirrorCopy}) before anything else opens it, and the H2 file is renamed to
 * klink-mirror.mv.db.copied-to-sqlite (kept, never deleted). A user who named an H2 URL keeps using H2.
 *
 * <p>The copy goes into a temporary file beside the target, renamed into place only once complete, so a copy
 * that fails or is killed never leaves a SQLite file the next start would take for the mirror. A file lock
 * beside the target makes processes that start together do it once.
 */
public final class EmbeddedDefaultUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefaultUpgrade.class);

    /** The database of the old default mirror.jdbc.url, jdbc:h2:file:./data/klink-mirror, in the SQLite file's folder. */
    static final String OLD_H2_NAME = "klink-mirror";
    static final String H2_SUFFIX = ".mv.db";
    /** What the H2 file is renamed to once copied. */
    public static final String COPIED_SUFFIX = ".copied-to-sqlite";

    private EmbeddedDefaultUpgrade() {
    }

    /** Carries the old default H2 mirror over when the settings use the shipped default SQLite mirror; see above. */
    public static void beforeOpen(Settings settings) {
        if (!"jdbc".equalsIgnoreCase(settings.blankable("mirror.type"))) {
            return;
        }
        String url = settings.get("mirror.jdbc.url");
        String shipped = settings.shippedDefault("mirror.jdbc.url");
        if (!url.equals(shipped) || MirrorVendor.fromUrl(url) != MirrorVendor.SQLITE) {
            return;
        }
        Path sqlite = SqliteFiles.database(url).normalize();
        if (Files.exists(sqlite) || !Files.isRegularFile(oldH2File(sqlite))) {
            return;
        }
        MirrorLogin login = MirrorLogin.from(settings.with(Map.of("mirror.jdbc.url", oldH2Url(sqlite))));
        carryOver(sqlite, login.user(), login.password(), StreamDeclarations.of(settings));
    }

    /** The old default H2 file beside the SQLite file: FOLDER/klink-mirror.mv.db. */
    static Path oldH2File(Path sqlite) {
        return sqlite.resolveSibling(OLD_H2_NAME + H2_SUFFIX);
    }

    static String oldH2Url(Path sqlite) {
        return "jdbc:h2:file:" + sqlite.resolveSibling(OLD_H2_NAME) + ";NON_KEYWORDS=VALUE";
    }

    /**
     * Copies FOLDER/klink-mirror.mv.db into the SQLite file, then renames the H2 file; does nothing when the
     * SQLite file exists by the time the lock is held (another process did it).
     *
     * @return the copy's result, or null when there was nothing to do
     */
    static MirrorCopy.Result carryOver(Path sqlite, String h2User, String h2Password, StreamDeclarations streams) {
        SqliteFiles.createFolder("jdbc:sqlite:" + sqlite);
        Path lockFile = sqlite.resolveSibling(sqlite.getFileName() + ".klink-upgrade.lock");
        MirrorCopy.Result done = null;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Path h2 = oldH2File(sqlite);
            if (Files.exists(sqlite) || !Files.isRegularFile(h2)) {
                return null;
            }
            Path partial = sqlite.resolveSibling(sqlite.getFileName() + ".copying");
            deleteDatabase(partial); // what a killed attempt left
            MirrorCopy.Result result;
            try {
                result = MirrorCopy.copy(MirrorCopy.Endpoint.of(oldH2Url(sqlite), h2User, h2Password),
                        MirrorCopy.Endpoint.of("jdbc:sqlite:" + partial, "", ""), streams, count -> {
                        });
                foldWal(partial);
                Files.move(partial, sqlite, StandardCopyOption.ATOMIC_MOVE);
            } catch (RuntimeException | IOException | SQLException e) {
                deleteDatabase(partial);
                String reason = e instanceof MirrorCopy.Failed failed ? failed.reason() : UserMessage.of(e, "no reason given");
                throw new MirrorException("Could not carry the H2 mirror " + h2 + " over to the new default SQLite mirror "
                        + sqlite + ": " + reason + (reason.endsWith(".") ? "" : ".") + " No SQLite file was left; the H2 file is"
                        + " unchanged. To keep using it, set mirror.jdbc.url=" + oldH2Url(sqlite) + " (README: moving an"
                        + " H2 mirror to SQLite).", e);
            }
            deleteDatabase(partial);
            Path kept = h2.resolveSibling(h2.getFileName() + COPIED_SUFFIX);
            Files.move(h2, kept);
            LOG.info("Copied the H2 mirror {} into the new default SQLite mirror {} ({} rows in {} tables); the H2 file is"
                    + " kept as {}.", h2, sqlite, result.rows(), result.tables().size(), kept.getFileName());
            done = result;
        } catch (IOException e) {
            throw new MirrorException("Could not carry the H2 mirror " + oldH2File(sqlite) + " over to SQLite: "
                    + UserMessage.of(e, "no reason given") + ". The folder " + sqlite.getParent() + " must be writable.", e);
        }
        // Only once the SQLite file is there: a process still waiting on the old lock then finds it and does nothing.
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // A small file left beside the mirror.
        }
        return done;
    }

    /**
     * Puts everything of the copy into the one file, so that it is whole when it takes the mirror's name: leaving
     * WAL mode checkpoints and removes the -wal file. The mirror's own connections set WAL again (MirrorVendor).
     */
    private static void foldWal(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = c.createStatement()) {
            statement.execute("PRAGMA journal_mode=DELETE");
        }
    }

    /** A SQLite file and the files SQLite and klink-sync keep beside it. */
    private static void deleteDatabase(Path file) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal", ".klink-schema.lock")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                // A leftover beside a name no mirror uses; the next attempt deletes it first.
            }
        }
    }
}
