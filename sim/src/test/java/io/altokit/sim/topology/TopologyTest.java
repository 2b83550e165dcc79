package io.altokit.sim.topology;

import io.altokit.client.MapGuidance;
import io.altokit.core.CostMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyTest {

    @Test
    void everyPeerSitsInItsAsPidAndRoutingCostPrefersStayingInside() {
        Topology topology = Topology.generate(TopologySpec.of(2000, 50, CapacityMix.PAPER_TABLE_1, 3));
        CostMatrix routingcost = topology.routingCost();
        MapGuidance guidance = MapGuidance.of(topology.alto().current().networkMap(), routingcost);
        for (int p = 0; p < topology.peers(); p++) {
            assertThat(guidance.pidOf(topology.address(p))).isEqualTo(TopologyMetrics.pid(topology.asOf(p)));
            assertThat(topology.peerAt(topology.address(p))).isEqualTo(p);
        }
        int a = topology.alto().current().networkMap().indexOf(TopologyMetrics.pid(0)).orElseThrow();
        for (int other = 1; other < topology.ases(); other++) {
            int b = topology.alto().current().networkMap().indexOf(TopologyMetrics.pid(other)).orElseThrow();
            assertThat(routingcost.cost(a, a)).isLessThan(routingcost.cost(a, b));
            assertThat(topology.asRttS(0, 0)).isLessThan(topology.asRttS(0, other));
        }
        assertThat(IntStream.range(0, topology.ases()).map(topology::peersIn).sum()).isEqualTo(2000);
    }

    @Test
    void zipfPlacementIsSkewedAndUniformIsNot() {
        TopologySpec uniform = TopologySpec.of(10_000, 100, CapacityMix.BROADBAND, 9);
        int[] flat = sizes(Topology.generate(uniform));
        int[] skewed = sizes(Topology.generate(uniform.withPlacement(Placement.ZIPF, 1.0)));
        assertThat(flat[flat.length - 1]).isLessThan(200);
        assertThat(skewed[skewed.length - 1]).as("1/H(100) of the peers, about 19 %").isBetween(1600, 2300);
    }

    @Test
    void capacitiesFollowTheTableShares() {
        Topology topology = Topology.generate(TopologySpec.of(20_000, 10, CapacityMix.PAPER_TABLE_1, 5));
        long slowest = IntStream.range(0, topology.peers()).filter(p -> topology.uplinkBps(p) == 128_000).count();
        long fastest = IntStream.range(0, topology.peers()).filter(p -> topology.downlinkBps(p) == 10_000_000).count();
        assertThat(slowest / 20_000.0).isBetween(0.19, 0.21);
        assertThat(fastest / 20_000.0).isBetween(0.14, 0.16);
    }

    @Test
    void theSameSeedGivesTheSameNetwork() {
        TopologySpec spec = TopologySpec.of(500, 20, CapacityMix.BROADBAND, 11).withPlacement(Placement.ZIPF, 1.2);
        Topology one = Topology.generate(spec);
        Topology two = Topology.generate(spec);
        for (int p = 0; p < 500; p++) {
            assertThat(one.address(p)).isEqualTo(two.address(p));
            assertThat(one.rttS(p, (p + 1) % 500)).isEqualTo(two.rttS(p, (p + 1) % 500));
        }
        assertThat(one.alto().current().networkMap().vtag()).isEqualTo(two.alto().current().networkMap().vtag());
        assertThat(one.routingCost().vtag()).isEqualTo(two.routingCost().vtag());
    }

    @Test
    void refusesImpossibleSpecs() {
        assertThatIllegalArgumentException().isThrownBy(() -> TopologySpec.of(0, 10, CapacityMix.BROADBAND, 1)).withMessageContaining("peers");
        assertThatIllegalArgumentException().isThrownBy(() -> TopologySpec.of(10, 0, CapacityMix.BROADBAND, 1)).withMessageContaining("ASes");
        assertThatIllegalArgumentException().isThrownBy(() -> TopologySpec.of(10, 10, CapacityMix.BROADBAND, 1).withTransitFactor(0))
                .withMessageContaining("transit factor");
    }

    private static int[] sizes(Topology topology) {
        int[] sizes = IntStream.range(0, topology.ases()).map(topology::peersIn).toArray();
        Arrays.sort(sizes);
        return sizes;
    }
}
