package io.altokit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One address family's prefixes of a network map as a hierarchy, for inheriting properties along
 * prefixes (RFC 9240 section 6.3): the map prefix a prefix inherits from, the longest one covering
 * it, and the map prefixes inside a prefix, each with the one it inherits from. Kept in address
 * order, where the prefixes inside a prefix are one run right after it, each after those containing it.
 */
public final class PrefixHierarchy {

    /**
     * A map prefix inside the prefix asked, with its PID's index.
     *
     * @param parent the position, in the same list, of the longest entry containing this one; -1 when
     *     that is the prefix asked
     */
    public record Entry(IpPrefix prefix, int pid, int parent) {
    }

    private final AddressFamily family;
    private final PrefixKey[] keys;
    private final int[] pids;

    public PrefixHierarchy(NetworkMap map, AddressFamily family) {
        this.family = Objects.requireNonNull(family, "family");
        List<Assignment> assignments = new ArrayList<>(map.prefixTable(family).assignments());
        assignments.sort(Assignment.BY_PREFIX);
        keys = new PrefixKey[assignments.size()];
        pids = new int[assignments.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = assignments.get(i).prefix();
            pids[i] = assignments.get(i).pid();
        }
    }

    public AddressFamily family() {
        return family;
    }

    /**
     * The PID of the longest map prefix containing all of {@code prefix}, {@code prefix} itself
     * included: the PID each of its addresses has unless a longer map prefix inside it says otherwise.
     */
    public int coveringPid(IpPrefix prefix) {
        PrefixKey key = keyOf(prefix);
        for (int length = key.length(); length >= 0; length--) {
            PrefixKey candidate = new PrefixKey(family, key.high() & AddressBits.highMask(length),
                    key.low() & AddressBits.lowMask(length), length);
            int at = Arrays.binarySearch(keys, candidate);
            if (at >= 0) {
                return pids[at];
            }
        }
        throw new IllegalStateException("the " + family + " prefixes of a network map lack the default route");
    }

    /** The map prefixes strictly inside {@code prefix}, in address order, so each comes after the entries containing it. */
    public List<Entry> inside(IpPrefix prefix) {
        PrefixKey outer = keyOf(prefix);
        int at = Arrays.binarySearch(keys, outer);
        int first = at >= 0 ? at + 1 : -at - 1;
        List<Entry> inside = new ArrayList<>();
        // Positions in "inside" of the entries containing the current one, innermost last: at most one per length.
        int[] open = new int[family.bits() + 1];
        int depth = 0;
        for (int i = first; i < keys.length && contains(outer, keys[i]); i++) {
            while (depth > 0 && !contains(keys[first + open[depth - 1]], keys[i])) {
                depth--;
            }
            inside.add(new Entry(keys[i].toIpPrefix(), pids[i], depth == 0 ? -1 : open[depth - 1]));
            open[depth++] = inside.size() - 1;
        }
        return inside;
    }

    private PrefixKey keyOf(IpPrefix prefix) {
        if (prefix.family() != family) {
            throw new IllegalArgumentException(prefix + " is not an " + family + " prefix");
        }
        return PrefixKey.of(prefix);
    }

    /** Whether {@code inner} lies within {@code outer} (or is it). */
    private static boolean contains(PrefixKey outer, PrefixKey inner) {
        return inner.length() >= outer.length()
                && (inner.high() & AddressBits.highMask(outer.length())) == outer.high()
                && (inner.low() & AddressBits.lowMask(outer.length())) == outer.low();
    }
}
