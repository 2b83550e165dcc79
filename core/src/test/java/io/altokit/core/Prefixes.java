package io.altokit.core;

import java.util.Arrays;
import java.util.List;

/** Test shorthand. */
final class Prefixes {

    private Prefixes() {}

    static List<IpPrefix> of(String... prefixes) {
        return Arrays.stream(prefixes).map(IpPrefix::parse).toList();
    }
}
