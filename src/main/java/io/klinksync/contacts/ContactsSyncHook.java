package io.klinksync.contacts;

/**
 * How import brings the mirror's contacts up to date before planning (a `sync --stream contacts` pass); the
 * runtime that owns the sync routes supplies it.
 */
@FunctionalInterface
public interface ContactsSyncHook {

    /** Runs one complete contacts (and contact fields) sync into the mirror; throws when it fails. */
    void syncContacts();
}
