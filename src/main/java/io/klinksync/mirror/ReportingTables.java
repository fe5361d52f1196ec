package io.klinksync.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * The tables kept beside the mirror for reporting, each as far as the reporting settings switch it on: the
 * record history, the change log and the wide contacts view. Called inside the writer's transactions, at the
 * points where each must read the rows before or after they change.
 */
final class ReportingTables {

    private final ReportingSettings reporting;
    private final RecordHistory history;
    private final ChangeLog changeLog;
    private final WideContacts wideContacts;

    ReportingTables(MirrorVendor vendor, ReportingSettings reporting) {
        this.reporting = reporting;
        this.history = new RecordHistory(vendor);
        this.changeLog = new ChangeLog(vendor);
        this.wideContacts = new WideContacts(vendor);
    }

    /**
     * Before the rows are overwritten: an update's changed fields compare the stored JSON with the new.
     * Answers {inserts, updates} logged.
     */
    int[] beforeWrite(Connection c, PostgresCopy copy, SyncRun run, MirrorTable parent, List<MappedRecord> fresh,
                      List<MappedRecord> changed, List<String> reappeared, List<MappedRecord> written, Instant now)
            throws SQLException {
        return reporting.changes() && !written.isEmpty()
                ? changeLog.written(c, copy, run, parent, fresh, changed, reappeared, now) : new int[2];
    }

    /** After the rows are written. */
    void afterWrite(Connection c, PostgresCopy copy, StreamTables tables, SyncRun run, List<MappedRecord> written,
                    List<MappedRecord> changed, List<String> reappeared, Instant now) throws SQLException {
        if (reporting.history()) {
            List<String> open = changed.stream().map(MappedRecord::id).filter(id -> !reappeared.contains(id)).toList();
            history.write(c, copy, tables, run, written, open, now);
        }
        if (tables.parent().name().equals(WideContacts.CONTACTS) && !written.isEmpty()) {
            wideContacts.written(c, written, now);
        }
    }

    /** They select exactly the rows {@link DeleteDetection#apply} is about to delete. Answers the deletes logged. */
    long beforeDelete(Connection c, DeleteDetection deletes, MirrorTable parent, SyncRun run, Collection<String> gone,
                      Instant now) throws SQLException {
        if (reporting.history()) {
            history.closeDeleted(c, deletes, parent, run, gone, now);
        }
        return reporting.changes() ? changeLog.deleted(c, deletes, parent, run, gone, now) : 0;
    }

    void afterDelete(Connection c, Instant now) throws SQLException {
        if (reporting.changes()) {
            changeLog.prune(c, now.minus(reporting.changesKeepDays(), ChronoUnit.DAYS));
        }
    }

    /** The wide view's columns follow the contact fields, so a completed pass of them regenerates it. */
    boolean widensContacts(MirrorTable parent) {
        return parent.name().equals(WideContacts.CONTACT_FIELDS);
    }

    boolean refreshWideContacts(Connection c, Instant now) throws SQLException {
        return wideContacts.refresh(c, now);
    }
}
