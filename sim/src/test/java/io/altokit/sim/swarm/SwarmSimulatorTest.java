package io.altokit.sim.swarm;

import io.altokit.sim.flow.FlowNetwork;
import io.altokit.sim.topology.CapacityMix;
import io.altokit.sim.topology.InterAsBound;
import io.altokit.sim.topology.Placement;
import io.altokit.sim.topology.Topology;
import io.altokit.sim.topology.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SwarmSimulatorTest {
    private static final TopologySpec SMALL = TopologySpec.of(200, 10, CapacityMix.PAPER_TABLE_1, 8)
            .withPlacement(Placement.ZIPF, 1.0);
    /** 16 pieces plus a short one. */
    private static final double FILE = 16 * 262_144 + 1000;

    private static SwarmConfig small(String policy) {
        return SwarmConfig.defaults(SMALL, policy).withFile(FILE);
    }

    /** Replays every delivery against its own record of who holds what. */
    private static final class InvariantCheck implements SwarmObserver {
        final BitSet[] holds = new BitSet[200];
        final SwarmConfig config;
        double worstOvershoot;
        double piecesBytes;
        String violation;

        InvariantCheck(SwarmConfig config) {
            this.config = config;
            for (int p = 0; p < holds.length; p++) {
                holds[p] = new BitSet();
            }
            holds[0].set(0, config.pieces()); // the super-seed
        }

        @Override
        public void stepped(double time, FlowNetwork network) {
            for (int r = 0; r < network.resources(); r++) {
                worstOvershoot = Math.max(worstOvershoot, network.used(r) / network.capacity(r) - 1);
            }
        }

        @Override
        public void delivered(int sender, int receiver, int piece, double arrived) {
            if (!holds[sender].get(piece) && violation == null) {
                violation = "peer " + sender + " sent piece " + piece + " it did not hold, at " + arrived;
            }
            if (holds[receiver].get(piece) && violation == null) {
                violation = "peer " + receiver + " got piece " + piece + " twice";
            }
            holds[receiver].set(piece);
            piecesBytes += config.pieceSize(piece);
        }
    }

    @Test
    void everyPieceComesFromAHolderCapacitiesHoldAndBytesAreConserved() {
        for (String policy : new String[] {"random", "alto-random", "alto-random+pex"}) {
            SwarmConfig config = policy.endsWith("+pex") ? small("alto-random").withPeerExchange(true) : small(policy);
            InvariantCheck check = new InvariantCheck(config);
            SwarmResult result = new SwarmSimulator(config, Topology.generate(SMALL), check).run();
            assertThat(check.violation).as(policy).isNull();
            assertThat(check.worstOvershoot).as(policy).isLessThanOrEqualTo(1e-9);
            assertThat(result.completedShare()).as(policy).isEqualTo(1.0);
            for (int p = 1; p < 200; p++) {
                assertThat(check.holds[p].cardinality()).as("peer %d", p).isEqualTo(config.pieces());
            }
            assertThat(result.bytesDelivered()).as(policy)
                    .isCloseTo(check.piecesBytes + result.bytesPartial(), within(result.bytesDelivered() * 1e-9));
            assertThat(result.bytesDelivered()).isGreaterThanOrEqualTo(199 * FILE * (1 - 1e-9));
            assertThat(result.downloadTimeMeanS()).isPositive().isLessThanOrEqualTo(result.downloadTimeP95S() + 1);
            assertThat(result.pexConnections() > 0).as(policy).isEqualTo(config.peerExchange());
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        SwarmResult one = new SwarmSimulator(small("alto")).run();
        SwarmResult two = new SwarmSimulator(small("alto")).run();
        assertThat(two).isEqualTo(one);
        TopologySpec other = TopologySpec.of(200, 10, CapacityMix.PAPER_TABLE_1, 9).withPlacement(Placement.ZIPF, 1.0);
        assertThat(new SwarmSimulator(SwarmConfig.defaults(other, "alto").withFile(FILE)).run().bytesInterAs())
                .isNotEqualTo(one.bytesInterAs());
    }

    @Test
    void anAltoTrackerCutsInterAsTrafficAndTransitCost() {
        Topology topology = Topology.generate(SMALL);
        SwarmResult random = new SwarmSimulator(small("random"), topology, SwarmObserver.NONE).run();
        SwarmResult alto = new SwarmSimulator(small("alto-random"), topology, SwarmObserver.NONE).run();
        assertThat(alto.interAsTrafficShare()).isLessThan(random.interAsTrafficShare() - 0.1);
        assertThat(alto.transitCostPerGb()).isLessThan(random.transitCostPerGb());
        assertThat(alto.completedShare()).isEqualTo(1.0);
        int[] downloaderAs = new int[topology.peers() - 1];
        Arrays.setAll(downloaderAs, i -> topology.asOf(i + 1));
        assertThat(alto.interAsLowerBound()).isEqualTo(random.interAsLowerBound())
                .isEqualTo(InterAsBound.share(downloaderAs, topology.asOf(0)));
        assertThat(alto.interAsTrafficShare()).isGreaterThanOrEqualTo(alto.interAsLowerBound());
    }

    @Test
    void refusesConfigurationsItCannotRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> SwarmConfig.defaults(SMALL, "alto").withFile(1000))
                .withMessageContaining("pieces");
        assertThatIllegalArgumentException().isThrownBy(() -> new SwarmConfig(SMALL, "alto", 1e6, 1e5, 100, 50, 1e6, 50, 50, 80,
                        4, 10, 30, 0.25, false, 2))
                .withMessageContaining("arrival window");
        TopologySpec lonely = TopologySpec.of(1, 1, CapacityMix.PAPER_TABLE_1, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> SwarmConfig.defaults(lonely, "alto"))
                .withMessageContaining("at least one more peer");
    }
}
