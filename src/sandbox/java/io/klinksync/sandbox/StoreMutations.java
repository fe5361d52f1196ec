package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes to the sandbox's data as the API makes them, for tests that change records while a client pages:
 * a create appends to the end of the list (as POST does), a delete removes the record wherever it is (later
 * records move up one place, as offsets of a page-numbered list do), an update changes content in place.
 * Supported for contacts (page paging) and conversations (cursor paging).
 */
public final class StoreMutations {

    /** Index of the first record created here, far above synthetic and drift indexes so ids never collide. */
    private static final long CREATED_INDEX_BASE = 2_000_000_000L;

    private final SandboxStore store;
    private final SyntheticData synthetic;
    private final AtomicLong created = new AtomicLong(CREATED_INDEX_BASE);
    private final AtomicLong updates = new AtomicLong();

    StoreMutations(SandboxStore store, SyntheticData synthetic) {
        this.store = store;
        this.synthetic = synthetic;
    }

    /** Creates a new synthetic record at the end of the stream's list; returns its id. */
    public String create(String stream) {
        long i = created.incrementAndGet();
        RecordTable table = supported(stream);
        return switch (stream) {
            case SandboxStore.CONTACTS -> table.insert(SyntheticData.contactId(synthetic.seed(), i),
                    synthetic.contact(i, store), false);
            default -> table.insert(synthetic.shortId("conversation", i), synthetic.conversation(i, null), false);
        };
    }

    /** Deletes a record as DELETE /:id does; false when there was none. */
    public boolean delete(String stream, String id) {
        return supported(stream).delete(id);
    }

    /**
     * Changes a record's content in place (contacts: notes; conversations: is_muted and last_active_at), so its
     * content hash changes; false when there is no such record.
     */
    public boolean update(String stream, String id) {
        long n = updates.incrementAndGet();
        return supported(stream).update(id, record -> change(stream, record, n));
    }

    private static ObjectNode change(String stream, ObjectNode record, long n) {
        if (stream.equals(SandboxStore.CONTACTS)) {
            record.put("notes", "Changed while a client paged (" + n + ")");
        } else {
            record.put("is_muted", !record.path("is_muted").asBoolean());
            record.put("last_active_at", record.path("last_active_at").asLong() + 60 * n);
        }
        return record;
    }

    private RecordTable supported(String stream) {
        if (!stream.equals(SandboxStore.CONTACTS) && !stream.equals(SandboxStore.CONVERSATIONS)) {
            throw new IllegalArgumentException("Mutations while paging are for contacts and conversations, not "
                    + stream + ".");
        }
        return store.table(stream);
    }
}
