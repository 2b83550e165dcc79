package io.altokit.sim.topology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InterAsBoundTest {

    @Test
    void everyAsWithReceiversIsEnteredOnceAndTheRestStaysInside() {
        // Six receivers in ASes 0, 0, 1, 1, 1, 2; the source outside all of them (AS 3): three crossings of six copies.
        assertThat(InterAsBound.share(new int[] {0, 0, 1, 1, 1, 2}, 3)).isEqualTo(3.0 / 6);
        assertThat(InterAsBound.share(new int[] {0, 0, 1, 1, 1, 2}, -1)).isEqualTo(3.0 / 6);
    }

    @Test
    void theOriginsOwnAsNeedsNoCrossing() {
        assertThat(InterAsBound.share(new int[] {0, 0, 1, 1, 1, 2}, 1)).isEqualTo(2.0 / 6);
        assertThat(InterAsBound.share(new int[] {4, 4, 4}, 4)).isZero();
    }

    @Test
    void oneReceiverPerAsMeansEveryCopyCrosses() {
        assertThat(InterAsBound.share(new int[] {5, 2, 7, 0}, 9)).isEqualTo(1.0);
        assertThat(InterAsBound.share(new int[0], 0)).isZero();
    }

    @Test
    void theDefaultScenarioIsAboutOneTenth() {
        Topology topology = Topology.generate(TopologySpec.of(1000, 100, CapacityMix.BROADBAND, 1));
        int[] as = new int[topology.peers()];
        int withPeers = 0;
        for (int p = 0; p < as.length; p++) {
            as[p] = topology.asOf(p);
        }
        for (int a = 0; a < topology.ases(); a++) {
            withPeers += topology.peersIn(a) > 0 ? 1 : 0;
        }
        int outside = topology.ases(); // no AS has this index
        assertThat(InterAsBound.share(as, outside)).isEqualTo(withPeers / 1000.0).isBetween(0.09, 0.10);
    }
}
