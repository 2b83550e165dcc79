package io.altokit.core;

import java.util.Arrays;
import java.util.List;

/**
 * The address space of one family cut into ranges over which the longest-prefix match does not
 * change, then split so each of the 2<sup>16</sup> buckets (the top 16 address bits) holds its own
 * sorted run of ranges. This is the layout of DXR (Zec, Rizzo, Mikuc: "DXR: Towards a Billion
 * Routing Lookups per Second in Software", 2012): a lookup indexes the bucket, then binary-searches
 * a handful of range starts that share one or two cache lines.
 *
 * <p>Bucket {@code b} owns slots {@code firstSlot[b] .. firstSlot[b + 1] - 1}. Its first slot is
 * the range in force at the bucket's first address, so a search never leaves the bucket.
 */
final class AddressRanges {

    static final int BUCKET_BITS = 16;
    private static final int BUCKETS = 1 << BUCKET_BITS;

    final int[] firstSlot;
    final long[] startHigh;
    final long[] startLow;
    final int[] pid;

    private AddressRanges(int[] firstSlot, long[] startHigh, long[] startLow, int[] pid) {
        this.firstSlot = firstSlot;
        this.startHigh = startHigh;
        this.startLow = startLow;
        this.pid = pid;
    }

    /**
     * @param prefixes one family's distinct prefixes in {@link Assignment#BY_PREFIX} order, the first
     *     being the default route so that every address has a match
     */
    static AddressRanges of(List<Assignment> prefixes) {
        if (prefixes.isEmpty() || prefixes.getFirst().prefix().length() != 0) {
            throw new IllegalArgumentException("the prefixes must start with the default route");
        }
        return split(new Sweep(prefixes.size()).run(prefixes));
    }

    private static AddressRanges split(Sweep ranges) {
        int[] firstSlot = new int[BUCKETS + 1];
        int capacity = ranges.count + BUCKETS;
        long[] startHigh = new long[capacity];
        long[] startLow = new long[capacity];
        int[] pid = new int[capacity];
        int slots = 0;
        int active = 0;
        int next = 1;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            long bucketStart = (long) bucket << (64 - BUCKET_BITS);
            if (next < ranges.count && ranges.startHigh[next] == bucketStart && ranges.startLow[next] == 0) {
                active = next++;
            }
            firstSlot[bucket] = slots;
            startHigh[slots] = bucketStart;
            pid[slots++] = ranges.pid[active];
            while (next < ranges.count && ranges.startHigh[next] >>> (64 - BUCKET_BITS) == bucket) {
                startHigh[slots] = ranges.startHigh[next];
                startLow[slots] = ranges.startLow[next];
                pid[slots++] = ranges.pid[next];
                active = next++;
            }
        }
        firstSlot[BUCKETS] = slots;
        return new AddressRanges(firstSlot,
                Arrays.copyOf(startHigh, slots), Arrays.copyOf(startLow, slots), Arrays.copyOf(pid, slots));
    }

    /**
     * One pass over the prefixes in address order with a stack of the prefixes that contain the
     * current position; emits each range's start and PID, merging neighbours with the same PID.
     */
    private static final class Sweep {
        /** Prefixes nest at most one per length: 0..128. */
        private static final int MAX_DEPTH = 129;

        private final long[] startHigh;
        private final long[] startLow;
        private final int[] pid;
        private int count;

        private final long[] openLastHigh = new long[MAX_DEPTH];
        private final long[] openLastLow = new long[MAX_DEPTH];
        private final int[] openPid = new int[MAX_DEPTH];
        private int depth;

        /** First address not yet covered by an emitted range; meaningless once {@code exhausted}. */
        private long nextHigh;
        private long nextLow;
        private boolean exhausted;

        Sweep(int prefixes) {
            // Each prefix starts at most one range where it begins and one where it ends.
            int capacity = 2 * prefixes + 1;
            startHigh = new long[capacity];
            startLow = new long[capacity];
            pid = new int[capacity];
        }

        Sweep run(List<Assignment> prefixes) {
            for (Assignment assignment : prefixes) {
                PrefixKey prefix = assignment.prefix();
                while (depth > 0 && AddressBits.compare(openLastHigh[depth - 1], openLastLow[depth - 1],
                        prefix.high(), prefix.low()) < 0) {
                    close();
                }
                if (depth > 0 && AddressBits.compare(nextHigh, nextLow, prefix.high(), prefix.low()) < 0) {
                    emit(nextHigh, nextLow, openPid[depth - 1]);
                }
                open(prefix, assignment.pid());
            }
            while (depth > 0) {
                close();
            }
            return this;
        }

        private void open(PrefixKey prefix, int prefixPid) {
            openLastHigh[depth] = prefix.lastHigh();
            openLastLow[depth] = prefix.lastLow();
            openPid[depth++] = prefixPid;
            nextHigh = prefix.high();
            nextLow = prefix.low();
        }

        /** Ends the innermost open prefix: what is left of it up to its last address is its range. */
        private void close() {
            depth--;
            long lastHigh = openLastHigh[depth];
            long lastLow = openLastLow[depth];
            if (exhausted || AddressBits.compare(nextHigh, nextLow, lastHigh, lastLow) > 0) {
                return;
            }
            emit(nextHigh, nextLow, openPid[depth]);
            // last + 1 in 128 bits; past the top address nothing remains to cover.
            exhausted = lastHigh == -1L && lastLow == -1L;
            nextLow = lastLow + 1;
            nextHigh = nextLow == 0 ? lastHigh + 1 : lastHigh;
        }

        private void emit(long high, long low, int rangePid) {
            if (count > 0 && pid[count - 1] == rangePid) {
                return;
            }
            startHigh[count] = high;
            startLow[count] = low;
            pid[count++] = rangePid;
        }
    }
}
