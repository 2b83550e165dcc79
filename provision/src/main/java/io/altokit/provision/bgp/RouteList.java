package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;

import java.util.Arrays;

/**
 * Prefixes with a PID number each, in flat primitive arrays: a full table is over a million routes,
 * and copying them this way costs a fraction of filling a hash table. Filled on one thread, then
 * only read (by another thread, after a hand-over that publishes it safely).
 */
final class RouteList {
    private static final AddressFamily[] FAMILIES = AddressFamily.values();

    private byte[] family;
    private long[] high;
    private long[] low;
    private byte[] length;
    private int[] pid;
    private int size;

    RouteList(int capacity) {
        family = new byte[Math.max(capacity, 1)];
        high = new long[family.length];
        low = new long[family.length];
        length = new byte[family.length];
        pid = new int[family.length];
    }

    void add(AddressFamily family, long high, long low, int length, int pid) {
        if (size == this.family.length) {
            grow();
        }
        this.family[size] = (byte) family.ordinal();
        this.high[size] = high;
        this.low[size] = low;
        this.length[size] = (byte) length;
        this.pid[size] = pid;
        size++;
    }

    int size() {
        return size;
    }

    void forEach(PrefixMap.Entry action) {
        for (int i = 0; i < size; i++) {
            // Unsigned: an IPv6 host route's length, 128, is stored as the byte -128.
            action.accept(FAMILIES[family[i]], high[i], low[i], Byte.toUnsignedInt(length[i]), pid[i]);
        }
    }

    private void grow() {
        int capacity = family.length * 2;
        family = Arrays.copyOf(family, capacity);
        high = Arrays.copyOf(high, capacity);
        low = Arrays.copyOf(low, capacity);
        length = Arrays.copyOf(length, capacity);
        pid = Arrays.copyOf(pid, capacity);
    }
}
