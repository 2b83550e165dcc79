package io.altokit.core;

/**
 * IPv4 longest-prefix match over {@link AddressRanges}: the top 16 address bits pick a bucket, a
 * binary search over the bucket's range starts (the low 16 bits, two bytes each) picks the range.
 * Lookups read three arrays and allocate nothing.
 */
final class Ipv4RangeTable {

    private final int[] firstSlot;
    /** Low 16 bits of each range start; the bucket supplies the high 16. */
    private final char[] startLow16;
    private final int[] pid;

    Ipv4RangeTable(AddressRanges ranges) {
        firstSlot = ranges.firstSlot;
        pid = ranges.pid;
        startLow16 = new char[pid.length];
        for (int slot = 0; slot < startLow16.length; slot++) {
            startLow16[slot] = (char) (ranges.startHigh[slot] >>> 32);
        }
    }

    int lookup(int address) {
        int bucket = address >>> AddressRanges.BUCKET_BITS;
        char key = (char) address;
        int from = firstSlot[bucket];
        int to = firstSlot[bucket + 1] - 1;
        while (from < to) {
            int middle = (from + to + 1) >>> 1;
            if (startLow16[middle] <= key) {
                from = middle;
            } else {
                to = middle - 1;
            }
        }
        return pid[from];
    }
}
