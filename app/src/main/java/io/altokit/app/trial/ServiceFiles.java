package io.altokit.app.trial;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The configuration the trial writes for its services: {@code alto serve}'s network file, whose areas
 * are empty until the area routers announce them over BGP, and each area router's BIRD configuration.
 */
final class ServiceFiles {
    static final int BGP_PORT = 1179;
    /** Costs as the star has them: 1 inside an area, 10 through the core to any other. */
    static final int SAME_AREA_COST = 1;
    static final int OTHER_AREA_COST = 10;

    private ServiceFiles() {
    }

    /** One empty PID per area, filled by the routes tagged with the area's community. */
    static String networkFile(int areas) {
        StringBuilder yaml = new StringBuilder("network-map:\n");
        IntStream.rangeClosed(1, areas).forEach(area -> yaml.append("  ").append(AddressPlan.pid(area)).append(": {}\n"));
        yaml.append("costs:\n  routingcost:\n");
        for (int from = 1; from <= areas; from++) {
            int source = from;
            yaml.append("    ").append(AddressPlan.pid(from)).append(": { ")
                    .append(IntStream.rangeClosed(1, areas)
                            .mapToObj(to -> AddressPlan.pid(to) + ": " + (to == source ? SAME_AREA_COST : OTHER_AREA_COST))
                            .collect(Collectors.joining(", ")))
                    .append(" }\n");
        }
        yaml.append("bgp:\n")
                .append("  listen: \"").append(AddressPlan.CORE_ADDRESS).append(':').append(BGP_PORT).append("\"\n")
                .append("  local-as: ").append(AddressPlan.SERVER_AS).append('\n')
                .append("  debounce: 100ms\n")
                .append("  peers:\n");
        IntStream.rangeClosed(1, areas).forEach(area -> yaml.append("    - { address: ").append(AddressPlan.uplinkRouterAddress(area))
                .append(", remote-as: ").append(AddressPlan.routerAs(area)).append(" }\n"));
        yaml.append("  rules:\n");
        IntStream.rangeClosed(1, areas).forEach(area -> yaml.append("    - { community: \"").append(AddressPlan.areaCommunity(area))
                .append("\", pid: ").append(AddressPlan.pid(area)).append(" }\n"));
        return yaml.toString();
    }

    /** The area router announces its area's prefix, tagged with the area's community, to the listener in the core. */
    static String birdConfig(int area) {
        String[] community = AddressPlan.areaCommunity(area).split(":");
        return """
                router id %1$s;
                protocol device {}
                protocol static areas {
                  ipv4;
                  route %2$s blackhole { bgp_community.add((%3$s,%4$s)); };
                }
                protocol bgp alto {
                  local %1$s as %5$d;
                  neighbor %6$s port %7$d as %8$d;
                  multihop;
                  connect delay time 1;
                  connect retry time 1;
                  ipv4 { import none; export all; };
                }
                """.formatted(AddressPlan.uplinkRouterAddress(area), AddressPlan.areaPrefix(area), community[0], community[1],
                AddressPlan.routerAs(area), AddressPlan.CORE_ADDRESS, BGP_PORT, AddressPlan.SERVER_AS);
    }
}
