package io.altokit.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * The configured prefixes of one address family grouped by PID, each group in address order. Kept
 * as flat arrays (17 bytes a prefix) rather than a million {@link IpPrefix} objects; the lists it
 * hands out create prefixes as they are read.
 */
final class PidPrefixes {

    private final AddressFamily family;
    /** PID {@code p} owns entries {@code firstOfPid[p] .. firstOfPid[p + 1] - 1}. */
    private final int[] firstOfPid;
    private final long[] high;
    private final long[] low;
    private final byte[] length;

    /** @param prefixes this family's prefixes in address order */
    PidPrefixes(AddressFamily family, int pidCount, List<Assignment> prefixes) {
        this.family = family;
        firstOfPid = new int[pidCount + 1];
        for (Assignment assignment : prefixes) {
            firstOfPid[assignment.pid() + 1]++;
        }
        for (int pid = 0; pid < pidCount; pid++) {
            firstOfPid[pid + 1] += firstOfPid[pid];
        }
        // A stable counting sort by PID keeps each group in address order.
        int[] fill = firstOfPid.clone();
        high = new long[prefixes.size()];
        low = new long[prefixes.size()];
        length = new byte[prefixes.size()];
        for (Assignment assignment : prefixes) {
            int entry = fill[assignment.pid()]++;
            high[entry] = assignment.prefix().high();
            low[entry] = assignment.prefix().low();
            length[entry] = (byte) assignment.prefix().length();
        }
    }

    List<IpPrefix> of(int pid) {
        Objects.checkIndex(pid, firstOfPid.length - 1);
        return new Group(firstOfPid[pid], firstOfPid[pid + 1]);
    }

    /** Every prefix with its PID, grouped by PID. */
    List<Assignment> assignments() {
        List<Assignment> all = new ArrayList<>(high.length);
        for (int pid = 0; pid < firstOfPid.length - 1; pid++) {
            for (int entry = firstOfPid[pid]; entry < firstOfPid[pid + 1]; entry++) {
                all.add(new Assignment(key(entry), pid));
            }
        }
        return all;
    }

    /**
     * Calls {@code changed} with each prefix that is in only one of two groups: this table's group of
     * {@code pid} and {@code other}'s group of {@code otherPid} (same family); a PID of -1 is an
     * empty group. A merge of the two address-ordered groups, so linear and without hashing.
     */
    void symmetricDifference(int pid, PidPrefixes other, int otherPid, Consumer<PrefixKey> changed) {
        int here = pid < 0 ? 0 : firstOfPid[pid];
        int hereEnd = pid < 0 ? 0 : firstOfPid[pid + 1];
        int there = otherPid < 0 ? 0 : other.firstOfPid[otherPid];
        int thereEnd = otherPid < 0 ? 0 : other.firstOfPid[otherPid + 1];
        while (here < hereEnd || there < thereEnd) {
            int order = here == hereEnd ? 1 : there == thereEnd ? -1 : compare(here, other, there);
            if (order < 0) {
                changed.accept(key(here++));
            } else if (order > 0) {
                changed.accept(other.key(there++));
            } else {
                here++;
                there++;
            }
        }
    }

    /** Address order, as {@link PrefixKey#compareTo} for two prefixes of this family, without making them. */
    private int compare(int entry, PidPrefixes other, int otherEntry) {
        int order = AddressBits.compare(high[entry], low[entry], other.high[otherEntry], other.low[otherEntry]);
        return order != 0 ? order : Integer.compare(Byte.toUnsignedInt(length[entry]), Byte.toUnsignedInt(other.length[otherEntry]));
    }

    void hashInto(ContentHash hash, int pid) {
        hash.putInt(firstOfPid[pid + 1] - firstOfPid[pid]);
        for (int entry = firstOfPid[pid]; entry < firstOfPid[pid + 1]; entry++) {
            hash.putLong(high[entry]).putLong(low[entry]).putInt(length[entry]);
        }
    }

    private PrefixKey key(int entry) {
        // Unsigned: an IPv6 host route's length, 128, is stored as the byte -128.
        return new PrefixKey(family, high[entry], low[entry], Byte.toUnsignedInt(length[entry]));
    }

    private final class Group extends AbstractList<IpPrefix> implements RandomAccess {
        private final int from;
        private final int to;

        Group(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public IpPrefix get(int index) {
            return key(from + Objects.checkIndex(index, size())).toIpPrefix();
        }

        @Override
        public int size() {
            return to - from;
        }
    }
}
