package io.klinksync.contacts;

/** A CSV or mapping file cannot be used at all (as opposed to one bad row); the run cannot proceed. */
public class CsvFileException extends RuntimeException {
    public CsvFileException(String message) {
        super(message);
    }

    public CsvFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
