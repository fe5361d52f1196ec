package io.klinksync.config;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;

/**
 * A failure's text as a user may read it: no Java class names (`java.io.IOException: `, `SQLException: `), no
 * secrets, and a plain reason where the JDK gives only a path or nothing at all.
 */
public final class UserMessage {

    /** A qualified or simple Java exception name that prefixes a message, as Throwable.toString() writes it. */
    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Failure)\\b:?\\s*");

    private UserMessage() {
    }

    /** The failure's own words, class names removed; `fallback` when it has none. */
    public static String of(Throwable failure, String fallback) {
        String text = failure == null ? null : plain(failure);
        text = text == null ? null : CLASS_PREFIX.matcher(text).replaceAll("").strip();
        return SecretRegistry.scrub(text == null || text.isEmpty() ? fallback : text);
    }

    /** The message of the innermost cause that has one, since wrappers repeat or hide it. */
    public static String ofRoot(Throwable failure, String fallback) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return of(root, fallback);
    }

    private static String plain(Throwable failure) {
        if (failure instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or folder";
        }
        if (failure instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        return failure.getMessage();
    }
}
