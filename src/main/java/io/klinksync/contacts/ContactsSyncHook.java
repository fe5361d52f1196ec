package io.klinksync.contacts;

import java.util.List;

/**
 * How import brings the mirror's contacts up to date before planning; the runtime that owns the sync routes
 * supplies it ({@link ContactsSync}).
 */
public interface ContactsSyncHook {

    /** Runs one complete contacts (and contact fields) sync into the mirror; throws when it fails. */
    void syncContacts();

    /** Fetches these contacts one by one into the mirror; throws when that fails. */
    void refreshContacts(List<String> ids);

    /** The requests a complete sync of this many contacts takes: one a page. */
    long syncRequests(long contacts);
}
