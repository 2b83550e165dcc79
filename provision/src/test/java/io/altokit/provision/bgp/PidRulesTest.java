package io.altokit.provision.bgp;

import io.altokit.provision.bgp.message.AsPath;
import io.altokit.provision.bgp.message.Community;
import io.altokit.provision.bgp.message.PathAttributes;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PidRulesTest {

    private static UpdateRoute route(AsPath path, String nextHop, int... communities) throws Exception {
        return new UpdateRoute(PathAttributes.builder().asPath(path)
                .nextHop((Inet4Address) InetAddress.getByName(nextHop))
                .communities(java.util.Arrays.stream(communities).mapToObj(Community::new).toList()).build());
    }

    @Test
    void perValueRulesNameAPidAfterTheRoutesValue() throws Exception {
        UpdateRoute route = route(AsPath.sequence(64500, 64510, 65010), "192.0.2.7", 65001 << 16 | 12);
        assertThat(new PidRule.PerNeighborAs("as").pidFor(route)).contains("as64500");
        assertThat(new PidRule.PerOriginAs("origin-").pidFor(route)).contains("origin-65010");
        assertThat(new PidRule.PerNextHop("ingress-").pidFor(route)).contains("ingress-192.0.2.7");
        assertThat(new PidRule.PerCommunity(65001, "pop-").pidFor(route)).contains("pop-12");
        assertThat(new PidRule.PerCommunity(65002, "pop-").pidFor(route)).as("no community of that AS").isEmpty();
    }

    @Test
    void theNeighbourAsSkipsConfederationSegmentsAndNeedsASequence() throws Exception {
        AsPath confederation = new AsPath(List.of(new AsPath.Segment(AsPath.SegmentType.AS_CONFED_SEQUENCE, 65101, 65102),
                new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, 64500, 65010)));
        assertThat(new PidRule.PerNeighborAs("as").pidFor(route(confederation, "192.0.2.7"))).contains("as64500");
        AsPath aggregate = new AsPath(List.of(new AsPath.Segment(AsPath.SegmentType.AS_SET, 64500, 64501)));
        assertThat(new PidRule.PerNeighborAs("as").pidFor(route(aggregate, "192.0.2.7"))).isEmpty();
        assertThat(new PidRule.PerNeighborAs("as").pidFor(route(AsPath.EMPTY, "192.0.2.7"))).as("iBGP, own AS").isEmpty();
    }

    @Test
    void theFirstMatchingRuleWinsAndPerValuePidsAreNotListedAhead() throws Exception {
        PidRules rules = new PidRules(List.of(new PidRule.Community(65000, 101, "area-01"),
                new PidRule.PerCommunity(65001, "pop-"), new PidRule.PerNeighborAs("as")), "external");
        assertThat(rules.pidFor(route(AsPath.sequence(64500), "192.0.2.1", 65000 << 16 | 101, 65001 << 16 | 3))).isEqualTo("area-01");
        assertThat(rules.pidFor(route(AsPath.sequence(64500), "192.0.2.1", 65001 << 16 | 3))).isEqualTo("pop-3");
        assertThat(rules.pidFor(route(AsPath.sequence(64500), "192.0.2.1"))).isEqualTo("as64500");
        assertThat(rules.pidFor(route(AsPath.EMPTY, "192.0.2.1"))).isEqualTo("external");
        assertThat(rules.pids()).containsExactly("area-01", "external");
    }

    /** Issue #16: a Flow Director-sized network has over 950 external PIDs, one per ingress point. */
    @Test
    void aThousandIngressPointsAreAThousandPids() throws Exception {
        PidRules rules = new PidRules(List.of(new PidRule.PerNextHop("ingress-")), "external");
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            pids.add(rules.pidFor(route(AsPath.sequence(64500 + i), "198.18." + i / 250 + "." + (1 + i % 250))));
        }
        assertThat(pids).hasSize(1000).contains("ingress-198.18.0.1", "ingress-198.18.3.250");
    }
}
