package io.klinksync.contacts;

import io.klinksync.api.Profile;
import io.klinksync.mirror.SyncRun;
import io.klinksync.sync.StreamSync;

import java.util.List;

/** The contacts syncs an import runs first, through the same StreamSync as `klink-sync sync`. */
public final class ContactsSync implements ContactsSyncHook {

    private final StreamSync streams;
    private final Profile profile;

    public ContactsSync(StreamSync streams, Profile profile) {
        this.streams = streams;
        this.profile = profile;
    }

    @Override
    public void syncContacts() {
        for (String stream : new String[]{"contact_fields", "contacts"}) {
            if (profile.offers(stream)) {
                require(streams.run(stream), "success");
            }
        }
    }

    @Override
    public void refreshContacts(List<String> ids) {
        require(streams.refresh("contacts", ids), SyncRun.REFRESHED);
    }

    @Override
    public long syncRequests(long contacts) {
        return (contacts + streams.pageSize() - 1) / streams.pageSize();
    }

    private static void require(SyncRun run, String status) {
        if (!status.equals(run.status())) {
            throw new ImportStoppedException("The " + run.stream() + " sync that import needs first did not succeed: " + run
                    + ". Fix that, or run 'klink-sync sync --stream " + run.stream() + "' to see why.");
        }
    }
}
