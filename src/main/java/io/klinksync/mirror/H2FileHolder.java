package io.klinksync.mirror;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Names the process that holds an H2 file open without AUTO_SERVER (an older klink-sync, a tool in embedded mode),
 * so the refusal says whom to stop. H2 itself records nothing about such a holder: its file lock is an operating
 * system lock on NAME.mv.db, which Linux lists with the holder's pid in /proc/locks.
 */
final class H2FileHolder {

    private static final int MAX_COMMAND = 160;
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private H2FileHolder() {
    }

    /** Whether the failure is H2's "database may be already in use" (another process holds the file). */
    static boolean isHeldElsewhere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }

    /** One line: which file, who holds it (where that can be known), and what to do. */
    static String message(Path database) {
        Path file = Path.of(database + ".mv.db");
        Optional<Long> pid = lockingProcess(file);
        if (pid.isEmpty()) {
            Optional<String> lockFile = autoServerLockFile(Path.of(database + ".lock.db"));
            if (lockFile.isPresent()) {
                return "The H2 mirror file " + file + " is locked, and " + lockFile.get() + ". If that process was"
                        + " just stopped, its lock ages out within seconds: run this command again; otherwise stop it.";
            }
        }
        return "The H2 mirror file " + file + " is held by another process that does not share it (it opened the file"
                + " without AUTO_SERVER=TRUE): " + pid.map(H2FileHolder::describe).orElse("its pid is not known here")
                + ". Stop that process or close its connection (a tool such as an H2 shell or DBeaver must connect"
                + " with the same URL plus ;AUTO_SERVER=TRUE, as klink-sync does), then run this command again.";
    }

    /** The pid holding an operating system lock on the file, from /proc/locks (Linux); empty elsewhere. */
    static Optional<Long> lockingProcess(Path file) {
        try {
            if (!Files.isReadable(PROC_LOCKS) || !Files.exists(file)) {
                return Optional.empty();
            }
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            for (String line : Files.readAllLines(PROC_LOCKS)) {
                if (line.contains("->")) {
                    continue; // a process waiting for the lock, not holding it
                }
                String[] fields = line.trim().split("\\s+");
                for (int i = 1; i < fields.length; i++) {
                    String[] device = fields[i].split(":");
                    if (device.length == 3 && device[2].equals(String.valueOf(inode)) && fields[i - 1].matches("\\d+")) {
                        return Optional.of(Long.parseLong(fields[i - 1]));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is not ours to read: the message says the holder is unknown.
        }
        return Optional.empty();
    }

    /** pid, command and since when, as far as the operating system tells them. */
    static String describe(long pid) {
        StringBuilder text = new StringBuilder("pid ").append(pid);
        Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
        info.flatMap(i -> i.commandLine().or(i::command)).map(H2FileHolder::shortCommand)
                .ifPresent(command -> text.append(" (").append(command).append(')'));
        info.flatMap(ProcessHandle.Info::startInstant)
                .ifPresent(start -> text.append(", running since ").append(start.truncatedTo(ChronoUnit.SECONDS)));
        return text.toString();
    }

    /** A command line without its class path (often thousands of characters), cut to a readable length. */
    static String shortCommand(String commandLine) {
        List<String> kept = new ArrayList<>();
        String[] words = commandLine.split(" ");
        for (int i = 0; i < words.length; i++) {
            if ((words[i].equals("-cp") || words[i].equals("-classpath") || words[i].equals("--class-path"))
                    && i + 1 < words.length) {
                kept.add(words[i] + " …");
                i++;
            } else {
                kept.add(words[i]);
            }
        }
        String text = String.join(" ", kept);
        return text.length() <= MAX_COMMAND ? text : text.substring(0, MAX_COMMAND) + "…";
    }

    /**
     * What H2's own lock file says, when there is one: it is written by a process that opened the file with
     * AUTO_SERVER and names its host and port. Such a holder refuses others only while it is being replaced,
     * e.g. for a few seconds after it was killed.
     */
    private static Optional<String> autoServerLockFile(Path lockFile) {
        if (!Files.isRegularFile(lockFile)) {
            return Optional.empty();
        }
        Properties lock = new Properties();
        try (Reader in = Files.newBufferedReader(lockFile)) {
            lock.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String where = lock.getProperty("server", lock.getProperty("hostName", "an unnamed host"));
        Instant since = Instant.ofEpochMilli(lockFile.toFile().lastModified()).truncatedTo(ChronoUnit.SECONDS);
        return Optional.of("H2's lock file " + lockFile + " names " + where + " as its holder (written " + since + ")");
    }
}
