package io.klinksync.mirror;

/**
 * Distinct record ids of one CSV pass held as 64-bit hashes in a primitive open-addressing set: 8 bytes an id
 * instead of a String each. A collision of two hashes only means one duplicate goes unnoticed.
 */
final class SeenIds {

    private static final int INITIAL_CAPACITY = 1 << 12;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int size;

    /** Adds the id; false when it was already there. */
    synchronized boolean add(String id) {
        long hash = hash(id);
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (insert(slots, hash)) {
            size++;
            return true;
        }
        return false;
    }

    synchronized long size() {
        return size;
    }

    synchronized boolean contains(String id) {
        long hash = hash(id);
        int mask = slots.length - 1;
        for (int i = index(hash, mask); slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == hash) {
                return true;
            }
        }
        return false;
    }

    synchronized void clear() {
        slots = new long[INITIAL_CAPACITY];
        size = 0;
    }

    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        int i = index(hash, mask);
        while (table[i] != 0) {
            if (table[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = hash;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long hash : slots) {
            if (hash != 0) {
                insert(bigger, hash);
            }
        }
        slots = bigger;
    }

    private static int index(long hash, int mask) {
        return (int) (hash ^ (hash >>> 32)) & mask;
    }

    /** FNV-1a over the UTF-16 chars, then murmur's finaliser; 0 is the empty-slot marker, so it is remapped. */
    static long hash(String id) {
        long h = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
