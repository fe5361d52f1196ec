package io.klinksync.contacts;

/** How sending one row ended, as the ledger records it: status and, when known, contact id, error and HTTP status. */
public record RowOutcome(long runId, long rowNumber, String status, String contactId, String error, Integer httpStatus) {

    public static RowOutcome done(ImportLedger.Row row, String contactId) {
        return new RowOutcome(row.runId(), row.rowNumber(), ImportLedger.DONE, contactId, null, null);
    }
}
