package io.altokit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lossless aggregation of one address family's PID prefixes, so a network map reveals fewer and
 * coarser prefixes while every address still maps to the same PID by longest-prefix match:
 * <ol>
 *   <li>two sibling prefixes (the halves of one shorter prefix) of the same PID become their parent,
 *       longest first, so four adjacent /26s of a PID become one /24; the parent covers exactly the
 *       two halves, so whatever the parent was (unlisted, or another PID's prefix hidden by them) it
 *       answered no address before and answers only what the halves answered now;</li>
 *   <li>a prefix whose nearest enclosing prefix belongs to the same PID is dropped, since the
 *       addresses it answered fall to that enclosing prefix. A prefix of one PID inside another
 *       PID's prefix inside the first PID's is kept: dropping it would change the answer.</li>
 * </ol>
 * Works on sorted lists, one prefix length at a time: among prefixes of one length, siblings are
 * neighbours in address order.
 */
final class PrefixAggregation {

    /** Packed IPv4 sort keys: the address in the upper 32 bits, the length in 6 bits, the list position below. */
    private static final int POSITION_BITS = 26;
    private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

    private PrefixAggregation() {
    }

    /** @return the aggregated prefixes in address order, containers before what they contain */
    static List<Assignment> aggregate(AddressFamily family, List<Assignment> prefixes) {
        List<List<Assignment>> byLength = new ArrayList<>();
        for (int length = 0; length <= family.bits(); length++) {
            byLength.add(new ArrayList<>());
        }
        // Taken in address order, each length's list is in address order too.
        sorted(prefixes).forEach(assignment -> byLength.get(assignment.prefix().length()).add(assignment));

        List<Assignment> merged = new ArrayList<>(prefixes.size());
        List<Assignment> parents = List.of();
        for (int length = family.bits(); length >= 0; length--) {
            List<Assignment> level = withParents(byLength.get(length), parents);
            parents = new ArrayList<>();
            for (int i = 0; i < level.size(); i++) {
                Assignment prefix = level.get(i);
                if (i + 1 < level.size() && length > 0 && mergeable(prefix, level.get(i + 1))) {
                    parents.add(new Assignment(parent(prefix.prefix()), prefix.pid()));
                    i++;
                } else {
                    merged.add(prefix);
                }
            }
        }
        return withoutCovered(sorted(merged));
    }

    /**
     * Address order, containers first. A full table is a million IPv4 prefixes, so those sort as
     * packed primitive keys (address with the sign bit flipped, length, list position), as the
     * snapshot builder does, several times faster than objects.
     */
    private static List<Assignment> sorted(List<Assignment> assignments) {
        if (assignments.isEmpty() || assignments.getFirst().prefix().family() != AddressFamily.IPV4
                || assignments.size() > POSITION_MASK) {
            List<Assignment> sorted = new ArrayList<>(assignments);
            sorted.sort(Assignment.BY_PREFIX);
            return sorted;
        }
        long[] keys = new long[assignments.size()];
        for (int i = 0; i < keys.length; i++) {
            PrefixKey prefix = assignments.get(i).prefix();
            keys[i] = (prefix.high() ^ Long.MIN_VALUE) | (long) prefix.length() << POSITION_BITS | i;
        }
        Arrays.sort(keys);
        List<Assignment> sorted = new ArrayList<>(keys.length);
        for (long key : keys) {
            sorted.add(assignments.get((int) (key & POSITION_MASK)));
        }
        return sorted;
    }

    /** Both sorted lists in one, a merged parent replacing an equal prefix of the level (which it hides). */
    private static List<Assignment> withParents(List<Assignment> level, List<Assignment> parents) {
        if (parents.isEmpty()) {
            return level;
        }
        List<Assignment> all = new ArrayList<>(level.size() + parents.size());
        int i = 0;
        int j = 0;
        while (i < level.size() || j < parents.size()) {
            int order = i == level.size() ? 1 : j == parents.size() ? -1
                    : level.get(i).prefix().compareTo(parents.get(j).prefix());
            if (order < 0) {
                all.add(level.get(i++));
            } else {
                all.add(parents.get(j++));
                if (order == 0) {
                    i++;
                }
            }
        }
        return all;
    }

    /** Whether two neighbours of one length are the lower and upper half of one prefix, of the same PID. */
    private static boolean mergeable(Assignment lower, Assignment upper) {
        PrefixKey a = lower.prefix();
        PrefixKey b = upper.prefix();
        int bit = a.length() - 1;
        long highBit = bit < 64 ? 1L << (63 - bit) : 0;
        long lowBit = bit < 64 ? 0 : 1L << (127 - bit);
        return lower.pid() == upper.pid() && (a.high() & highBit) == 0 && (a.low() & lowBit) == 0
                && b.high() == (a.high() | highBit) && b.low() == (a.low() | lowBit);
    }

    private static PrefixKey parent(PrefixKey lower) {
        return new PrefixKey(lower.family(), lower.high(), lower.low(), lower.length() - 1);
    }

    /** Drops each prefix whose nearest enclosing prefix has its PID; {@code sorted} has containers first. */
    private static List<Assignment> withoutCovered(List<Assignment> sorted) {
        List<Assignment> kept = new ArrayList<>(sorted.size());
        List<Assignment> enclosing = new ArrayList<>(); // a chain of nested prefixes, innermost last
        for (Assignment prefix : sorted) {
            while (!enclosing.isEmpty() && !contains(enclosing.getLast().prefix(), prefix.prefix())) {
                enclosing.removeLast();
            }
            if (enclosing.isEmpty() || enclosing.getLast().pid() != prefix.pid()) {
                kept.add(prefix);
            }
            enclosing.add(prefix);
        }
        return kept;
    }

    private static boolean contains(PrefixKey outer, PrefixKey inner) {
        return outer.length() <= inner.length()
                && (inner.high() & AddressBits.highMask(outer.length())) == outer.high()
                && (inner.low() & AddressBits.lowMask(outer.length())) == outer.low();
    }
}
