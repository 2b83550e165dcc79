package io.altokit.core;

import java.util.Comparator;

/** One prefix of one PID, by PID index. */
record Assignment(PrefixKey prefix, int pid) {

    /** Address order (see {@link IpPrefix}), so duplicates are neighbours and containers precede what they contain. */
    static final Comparator<Assignment> BY_PREFIX = (a, b) -> {
        int order = a.prefix.compareTo(b.prefix);
        return order != 0 ? order : Integer.compare(a.pid, b.pid);
    };
}
