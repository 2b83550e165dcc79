package io.altokit.provision.bgp;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;
import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;

import java.util.HashMap;
import java.util.Map;

/**
 * Prefix -> int, in primitive hash tables: a full BGP table is over a million routes, and boxed
 * keys would make the route table the largest and slowest thing in the server. A prefix shorter
 * than /64 fits one long: its network bits plus a marker bit just after them, whose position gives
 * the length (every bit below the marker is zero). Longer IPv6 prefixes, rare in routing tables,
 * go to an ordinary map.
 */
final class PrefixMap {
    /** What {@link #get} answers for an absent prefix; values themselves are never negative. */
    static final int ABSENT = -1;

    /** Receives each entry of {@link #forEach}. */
    interface Entry {
        void accept(AddressFamily family, long high, long low, int length, int value);
    }

    private final LongIntHashMap ipv4 = new LongIntHashMap();
    private final LongIntHashMap shortIpv6 = new LongIntHashMap();
    private final Map<PrefixKey, Integer> longIpv6 = new HashMap<>();

    void put(PrefixKey prefix, int value) {
        if (packs(prefix)) {
            table(prefix.family()).put(pack(prefix.high(), prefix.length()), value);
        } else {
            longIpv6.put(prefix, value);
        }
    }

    int get(PrefixKey prefix) {
        return get(prefix.family(), prefix.high(), prefix.low(), prefix.length());
    }

    /** {@link #get(PrefixKey)} without making a key object, for loops over a whole table. */
    int get(AddressFamily family, long high, long low, int length) {
        return length < 64
                ? table(family).getOrDefault(pack(high, length), ABSENT)
                : longIpv6.getOrDefault(new PrefixKey(family, high, low, length), ABSENT);
    }

    void remove(PrefixKey prefix) {
        if (packs(prefix)) {
            table(prefix.family()).remove(pack(prefix.high(), prefix.length()));
        } else {
            longIpv6.remove(prefix);
        }
    }

    int size() {
        return ipv4.size() + shortIpv6.size() + longIpv6.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void putAll(PrefixMap other) {
        ipv4.putAll(other.ipv4);
        shortIpv6.putAll(other.shortIpv6);
        longIpv6.putAll(other.longIpv6);
    }

    void forEach(Entry action) {
        forEach(ipv4, AddressFamily.IPV4, action);
        forEach(shortIpv6, AddressFamily.IPV6, action);
        longIpv6.forEach((prefix, value) -> action.accept(prefix.family(), prefix.high(), prefix.low(), prefix.length(), value));
    }

    private static void forEach(LongIntHashMap table, AddressFamily family, Entry action) {
        for (LongIntCursor entry : table) {
            int length = 63 - Long.numberOfTrailingZeros(entry.key);
            action.accept(family, entry.key & ~(1L << (63 - length)), 0, length, entry.value);
        }
    }

    private LongIntHashMap table(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4 : shortIpv6;
    }

    private static boolean packs(PrefixKey prefix) {
        return prefix.length() < 64; // as in get(family, high, low, length)
    }

    private static long pack(long high, int length) {
        return high | 1L << (63 - length);
    }
}
