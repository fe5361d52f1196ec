package io.klinksync.bench;

/** A benchmark that cannot go on: a process that failed, a database that is missing, a wrong count. */
public class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
