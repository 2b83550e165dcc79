package io.altokit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lossless aggregation of one address family's PID prefixes, so a network map reveals fewer and
 * coarser prefixes while every address still maps to the same PID by longest-prefix match:
 * <ol>
 *   <li>two sibling prefixes (the halves of one shorter prefix) of the same PID become their parent,
 *       bottom-up, so four adjacent /26s of a PID become one /24; the parent covers exactly the two
 *       halves, so whatever the parent was (unlisted, or another PID's prefix hidden by them) it
 *       answered no address before and answers only what the halves answered now;</li>
 *   <li>a prefix whose nearest enclosing prefix belongs to the same PID is dropped, since the
 *       addresses it answered fall to that enclosing prefix. A prefix of one PID inside another
 *       PID's prefix inside the first PID's is kept: dropping it would change the answer.</li>
 * </ol>
 * The prefixes sit in a binary trie held in parallel int arrays (no object per node).
 */
final class PrefixAggregation {
    private static final int NONE = -1;

    private final AddressFamily family;
    private int[] zero = new int[1024];
    private int[] one = new int[1024];
    private int[] pid = new int[1024];
    private int nodes;

    private PrefixAggregation(AddressFamily family) {
        this.family = family;
        newNode();
    }

    /** @return the aggregated prefixes in address order, containers before what they contain */
    static List<Assignment> aggregate(AddressFamily family, List<Assignment> prefixes) {
        PrefixAggregation trie = new PrefixAggregation(family);
        prefixes.forEach(trie::insert);
        trie.mergeSiblings(0);
        List<Assignment> aggregated = new ArrayList<>();
        trie.emit(0, 0, 0, 0, NONE, aggregated);
        return aggregated;
    }

    private void insert(Assignment assignment) {
        PrefixKey prefix = assignment.prefix();
        int node = 0;
        for (int depth = 0; depth < prefix.length(); depth++) {
            boolean bit = bit(prefix.high(), prefix.low(), depth);
            int child = bit ? one[node] : zero[node];
            if (child == NONE) {
                child = newNode();
                (bit ? one : zero)[node] = child;
            }
            node = child;
        }
        pid[node] = assignment.pid();
    }

    /** Post-order, so merged halves can merge again one level up. */
    private void mergeSiblings(int node) {
        int left = zero[node];
        int right = one[node];
        if (left != NONE) {
            mergeSiblings(left);
        }
        if (right != NONE) {
            mergeSiblings(right);
        }
        if (left != NONE && right != NONE && pid[left] != NONE && pid[left] == pid[right]) {
            pid[node] = pid[left];
            pid[left] = NONE;
            pid[right] = NONE;
        }
    }

    /** Pre-order, zero before one: address order. {@code inherited} is the PID the nearest kept ancestor gives. */
    private void emit(int node, int depth, long high, long low, int inherited, List<Assignment> out) {
        int answer = inherited;
        if (pid[node] != NONE && pid[node] != inherited) {
            out.add(new Assignment(new PrefixKey(family, high, low, depth), pid[node]));
            answer = pid[node];
        }
        if (zero[node] != NONE) {
            emit(zero[node], depth + 1, high, low, answer, out);
        }
        if (one[node] != NONE) {
            long setHigh = depth < 64 ? high | 1L << (63 - depth) : high;
            long setLow = depth < 64 ? low : low | 1L << (127 - depth);
            emit(one[node], depth + 1, setHigh, setLow, answer, out);
        }
    }

    private static boolean bit(long high, long low, int index) {
        return index < 64 ? (high << index) < 0 : (low << (index - 64)) < 0;
    }

    private int newNode() {
        if (nodes == pid.length) {
            int size = nodes * 2;
            zero = Arrays.copyOf(zero, size);
            one = Arrays.copyOf(one, size);
            pid = Arrays.copyOf(pid, size);
        }
        zero[nodes] = NONE;
        one[nodes] = NONE;
        pid[nodes] = NONE;
        return nodes++;
    }
}
