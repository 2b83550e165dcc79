package io.altokit.core;

/**
 * IPv6 longest-prefix match over {@link AddressRanges}: the top 16 address bits pick a bucket, a
 * binary search over the bucket's 128-bit range starts picks the range. Lookups allocate nothing.
 */
final class Ipv6RangeTable {

    private final int[] firstSlot;
    private final long[] startHigh;
    private final long[] startLow;
    private final int[] pid;

    Ipv6RangeTable(AddressRanges ranges) {
        firstSlot = ranges.firstSlot;
        startHigh = ranges.startHigh;
        startLow = ranges.startLow;
        pid = ranges.pid;
    }

    int lookup(long high, long low) {
        int bucket = (int) (high >>> (64 - AddressRanges.BUCKET_BITS));
        int from = firstSlot[bucket];
        int to = firstSlot[bucket + 1] - 1;
        while (from < to) {
            int middle = (from + to + 1) >>> 1;
            if (AddressBits.compare(startHigh[middle], startLow[middle], high, low) <= 0) {
                from = middle;
            } else {
                to = middle - 1;
            }
        }
        return pid[from];
    }
}
