package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * One resource's records in list order, each kept as its serialized JSON bytes so that a million records
 * stay small and a page is served by concatenating bytes. The order lives in an array with room at both
 * ends (inserting at the front, as drift does, is cheap) and page offsets are plain array indexes.
 */
public final class RecordTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INITIAL_CAPACITY = 64;

    /** A record: its id and its JSON bytes. The bytes are replaced, never changed in place. */
    static final class Entry {
        final String id;
        final long seq;
        volatile byte[] json;

        Entry(String id, long seq, byte[] json) {
            this.id = id;
            this.seq = seq;
            this.json = json;
        }
    }

    /** A slice of the list: the records and whether more follow (cursor paging) or how many match (page paging). */
    record Slice(List<byte[]> records, boolean hasMore, int total) {
    }

    private final String name;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Entry> byId = new HashMap<>();
    private Entry[] order = new Entry[INITIAL_CAPACITY];
    private int head = INITIAL_CAPACITY / 2;
    private int tail = INITIAL_CAPACITY / 2;
    private long frontSeq = 0;
    private long backSeq = 0;
    private volatile long version;

    RecordTable(String name) {
        this.name = name;
    }

    /** The stream name, e.g. contacts. */
    public String name() {
        return name;
    }

    public int count() {
        lock.readLock().lock();
        try {
            return tail - head;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(String id) {
        lock.readLock().lock();
        try {
            return byId.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The record as stored (the read shape), or null when there is none with this id. */
    public JsonNode get(String id) {
        byte[] bytes = bytes(id);
        return bytes == null ? null : parse(bytes);
    }

    /** The stored JSON bytes of a record, or null. */
    public byte[] bytes(String id) {
        lock.readLock().lock();
        try {
            Entry entry = byId.get(id);
            return entry == null ? null : entry.json;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every id in list order. */
    public List<String> ids() {
        lock.readLock().lock();
        try {
            List<String> ids = new ArrayList<>(tail - head);
            for (int i = head; i < tail; i++) {
                ids.add(order[i].id);
            }
            return ids;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds a record at the end of the list; it must carry a string "id" not yet used. Returns the id. */
    public String insert(JsonNode record) {
        return insert(idOf(record), toBytes(record), false);
    }

    /** Adds a record at the front of the list, shifting every page offset by one. Returns the id. */
    public String insertFirst(JsonNode record) {
        return insert(idOf(record), toBytes(record), true);
    }

    /** Replaces a stored record by id (the JSON must keep the id); false when there is none. */
    public boolean replace(JsonNode record) {
        String id = idOf(record);
        byte[] bytes = toBytes(record);
        lock.writeLock().lock();
        try {
            Entry entry = byId.get(id);
            if (entry == null) {
                return false;
            }
            entry.json = bytes;
            version++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Changes a stored record in place of the API (e.g. to make a record differ between two syncs): the function
     * gets a copy and returns the new record, which must keep the id. False when there is no such record.
     */
    public boolean update(String id, java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        lock.writeLock().lock();
        try {
            Entry entry = byId.get(id);
            if (entry == null) {
                return false;
            }
            com.fasterxml.jackson.databind.node.ObjectNode changed =
                    change.apply((com.fasterxml.jackson.databind.node.ObjectNode) parse(entry.json));
            if (!id.equals(idOf(changed))) {
                throw new IllegalArgumentException("An update must keep the id '" + id + "'; it became '" + idOf(changed) + "'.");
            }
            entry.json = toBytes(changed);
            version++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean delete(String id) {
        lock.writeLock().lock();
        try {
            Entry entry = byId.remove(id);
            if (entry == null) {
                return false;
            }
            int index = indexOf(entry);
            if (index - head < tail - index) {
                System.arraycopy(order, head, order, head + 1, index - head);
                order[head++] = null;
            } else {
                System.arraycopy(order, index + 1, order, index, tail - index - 1);
                order[--tail] = null;
            }
            version++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Deletes up to n records from the front of the list; returns how many went. */
    public int deleteFirst(int n) {
        lock.writeLock().lock();
        try {
            int removed = 0;
            while (removed < n && head < tail) {
                byId.remove(order[head].id);
                order[head++] = null;
                removed++;
            }
            if (removed > 0) {
                version++;
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Counter that changes on every write; caches of derived views compare it. */
    long version() {
        return version;
    }

    String insert(String id, byte[] json, boolean atFront) {
        lock.writeLock().lock();
        try {
            if (byId.containsKey(id)) {
                throw new IllegalArgumentException(name + " already holds a record with id '" + id + "'.");
            }
            Entry entry;
            if (atFront) {
                if (head == 0) {
                    grow();
                }
                entry = new Entry(id, --frontSeq, json);
                order[--head] = entry;
            } else {
                if (tail == order.length) {
                    grow();
                }
                entry = new Entry(id, ++backSeq, json);
                order[tail++] = entry;
            }
            byId.put(id, entry);
            version++;
            return id;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Page paging: records [offset, offset + size) of the whole list. */
    Slice page(int offset, int size) {
        lock.readLock().lock();
        try {
            int total = tail - head;
            List<byte[]> records = new ArrayList<>(Math.max(0, Math.min(size, total - offset)));
            for (int i = head + offset; i < tail && records.size() < size; i++) {
                records.add(order[i].json);
            }
            return new Slice(records, head + offset + size < tail, total);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Cursor paging: up to limit matching records after (or, backwards, before) the record with the cursor id,
     * or from the start when cursor is null. Returns null when the cursor id is unknown.
     */
    Slice cursor(String cursorId, boolean before, int limit, Predicate<byte[]> filter) {
        lock.readLock().lock();
        try {
            int start;
            if (cursorId == null) {
                start = before ? tail : head - 1;
            } else {
                Entry entry = byId.get(cursorId);
                if (entry == null) {
                    return null;
                }
                start = indexOf(entry);
            }
            List<byte[]> records = new ArrayList<>(Math.min(limit, tail - head));
            int step = before ? -1 : 1;
            boolean more = false;
            for (int i = start + step; i >= head && i < tail; i += step) {
                byte[] json = order[i].json;
                if (filter == null || filter.test(json)) {
                    if (records.size() == limit) {
                        more = true;
                        break;
                    }
                    records.add(json);
                }
            }
            if (before) {
                java.util.Collections.reverse(records);
            }
            return new Slice(records, more, -1);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every record matching the filter, in list order (for searches; a full scan). */
    List<byte[]> matching(Predicate<byte[]> filter) {
        lock.readLock().lock();
        try {
            List<byte[]> found = new ArrayList<>();
            for (int i = head; i < tail; i++) {
                byte[] json = order[i].json;
                if (filter.test(json)) {
                    found.add(json);
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int indexOf(Entry entry) {
        int low = head;
        int high = tail - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long seq = order[mid].seq;
            if (seq < entry.seq) {
                low = mid + 1;
            } else if (seq > entry.seq) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        throw new IllegalStateException(name + ": record '" + entry.id + "' is indexed but not in the list order.");
    }

    private void grow() {
        int size = tail - head;
        int capacity = Math.max(INITIAL_CAPACITY, size * 2);
        Entry[] grown = new Entry[capacity + capacity / 2];
        // Leave a quarter of the room at the front: drift inserts there.
        int newHead = capacity / 4;
        System.arraycopy(order, head, grown, newHead, size);
        order = grown;
        head = newHead;
        tail = newHead + size;
    }

    static String idOf(JsonNode record) {
        JsonNode id = record.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("A record needs a non-empty string \"id\": " + record);
        }
        return id.asText();
    }

    static byte[] toBytes(JsonNode record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored record is not JSON: " + new String(Arrays.copyOf(bytes,
                    Math.min(bytes.length, 200)), java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
