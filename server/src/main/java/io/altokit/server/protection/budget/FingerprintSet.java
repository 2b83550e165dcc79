package io.altokit.server.protection.budget;

/**
 * A set of 64-bit endpoint fingerprints: open addressing over one {@code long[]}, 8 to 16 bytes an
 * entry, growing as entries come. Its owner never adds more than its budget, which bounds it.
 */
final class FingerprintSet {
    /** Marks a free slot; the fingerprint 0 is stored as 1, which merges two of 2^64 values. */
    private static final long FREE = 0;

    private long[] slots = new long[16];
    private int size;

    int size() {
        return size;
    }

    boolean contains(long fingerprint) {
        long value = stored(fingerprint);
        int mask = slots.length - 1;
        for (int slot = (int) value & mask; slots[slot] != FREE; slot = (slot + 1) & mask) {
            if (slots[slot] == value) {
                return true;
            }
        }
        return false;
    }

    void add(long fingerprint) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (insert(slots, stored(fingerprint))) {
            size++;
        }
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long value : slots) {
            if (value != FREE) {
                insert(larger, value);
            }
        }
        slots = larger;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int slot = (int) value & mask;
        while (table[slot] != FREE) {
            if (table[slot] == value) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = value;
        return true;
    }

    private static long stored(long fingerprint) {
        return fingerprint == FREE ? 1 : fingerprint;
    }
}
