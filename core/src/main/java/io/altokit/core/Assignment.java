package io.altokit.core;

import java.util.Comparator;

/** One prefix of one PID, by PID index. */
record Assignment(PrefixKey prefix, int pid) {

    /** Address order (see {@link IpPrefix}), so duplicates are neighbours and containers precede what they contain. */
    static final Comparator<Assignment> BY_PREFIX =
            Comparator.comparing(Assignment::prefix).thenComparingInt(Assignment::pid);
}
