package io.altokit.server;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;

import java.util.List;

/** A three-area network with a nested prefix, both address families and two metrics. */
final class TestNetwork {
    private TestNetwork() {
    }

    static Snapshot.Builder builder() {
        Snapshot.Builder builder = Snapshot.builder()
                .defaultPid("external")
                .pid("a", List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("2001:db8:1::/48")))
                .pid("b", List.of(IpPrefix.parse("10.2.0.0/16")))
                .pid("c", List.of(IpPrefix.parse("10.2.5.0/24"), IpPrefix.parse("2001:db8:2::/48")));
        String[] pids = {"a", "b", "c"};
        double[][] routing = {{1, 5, 10}, {5, 1, 5}, {10, 5, 1}};
        double[][] hops = {{0, 2, 3}, {2, 0, 1}, {3, 1, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                builder.cost("routingcost", pids[i], pids[j], routing[i][j]);
                builder.cost("hopcount", pids[i], pids[j], hops[i][j]);
            }
        }
        // Only this one cost leaves the ISP, so tests can tell "undefined" from "defined".
        builder.cost("hopcount", "external", "a", 4);
        return builder;
    }

    static Snapshot snapshot() {
        return builder().build();
    }
}
