package io.altokit.sim.streaming;

import io.altokit.sim.flow.FlowNetwork;
import io.altokit.sim.topology.CapacityMix;
import io.altokit.sim.topology.Topology;
import io.altokit.sim.topology.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class StreamingSimulatorTest {
    private static final TopologySpec SMALL = TopologySpec.of(300, 30, CapacityMix.BROADBAND, 5);

    private static StreamingConfig small(String policy) {
        return StreamingConfig.defaults(SMALL, policy).withDuration(90);
    }

    /** Checks every step and every delivery against the model's invariants. */
    private static final class InvariantCheck implements StreamingObserver {
        long steps;
        long deliveries;
        double worstOvershoot;
        double earliestBeforeCreation = Double.POSITIVE_INFINITY;

        @Override
        public void stepped(double time, FlowNetwork network) {
            steps++;
            for (int r = 0; r < network.resources(); r++) {
                worstOvershoot = Math.max(worstOvershoot, network.used(r) / network.capacity(r) - 1);
            }
        }

        @Override
        public void delivered(int sender, int receiver, int chunk, double created, double started, double arrived) {
            deliveries++;
            assertThat(sender).isNotEqualTo(receiver);
            earliestBeforeCreation = Math.min(earliestBeforeCreation, started - created);
            assertThat(arrived).isGreaterThanOrEqualTo(started);
        }
    }

    @Test
    void capacitiesAreNeverExceededAndNoChunkMovesBeforeItExists() {
        for (String policy : new String[] {"random", "alto-random"}) {
            StreamingConfig config = small(policy);
            InvariantCheck check = new InvariantCheck();
            StreamingResult result = new StreamingSimulator(config, Topology.generate(SMALL), check).run();
            assertThat(check.steps).isEqualTo(Math.round(90 / config.stepS()));
            assertThat(check.deliveries).isEqualTo(result.chunksDelivered()).isGreaterThan(300L * 100);
            assertThat(check.worstOvershoot).as(policy).isLessThanOrEqualTo(1e-9);
            assertThat(check.earliestBeforeCreation).as(policy).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void bytesAreConserved() {
        StreamingConfig config = small("alto-random");
        StreamingResult result = new StreamingSimulator(config).run();
        assertThat(result.bytesDelivered()).isCloseTo(result.chunksDelivered() * config.chunkBytes() + result.bytesInFlight(),
                within(result.bytesDelivered() * 1e-9));
        assertThat(Arrays.stream(result.asInboundBytes()).sum()).isCloseTo(result.bytesInterAs(), within(result.bytesInterAs() * 1e-9));
        assertThat(result.bytesDelivered()).as("every peer got most of 90 s of 1 Mbps")
                .isGreaterThan(0.8 * 300 * 90 * 1e6 / 8);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        StreamingResult one = new StreamingSimulator(small("rtt")).run();
        StreamingResult two = new StreamingSimulator(small("rtt")).run();
        assertThat(two.summary()).isEqualTo(one.summary());
        assertThat(two.asInboundBytes()).containsExactly(one.asInboundBytes());
        TopologySpec other = TopologySpec.of(300, 30, CapacityMix.BROADBAND, 6);
        StreamingResult three = new StreamingSimulator(StreamingConfig.defaults(other, "rtt").withDuration(90)).run();
        assertThat(three.bytesInterAs()).isNotEqualTo(one.bytesInterAs());
    }

    @Test
    void altoCutsInterAsTrafficWhileChunksStillMeetTheirDeadline() {
        Topology topology = Topology.generate(SMALL);
        StreamingResult random = new StreamingSimulator(small("random"), topology, StreamingObserver.NONE).run();
        StreamingResult alto = new StreamingSimulator(small("alto-random"), topology, StreamingObserver.NONE).run();
        assertThat(alto.interAsTrafficShare()).isLessThan(random.interAsTrafficShare() - 0.1);
        assertThat(alto.transitCostPerGb()).isLessThan(random.transitCostPerGb() / 2);
        assertThat(alto.chunkDelayMeanS()).isLessThan(small("alto").playoutDelayS());
        assertThat(alto.deadlineMissShare()).isLessThan(0.1);
    }

    @Test
    void refusesConfigurationsItCannotRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> small("alto").withDuration(12))
                .withMessageContaining("shorter than the duration");
        StreamingConfig base = small("alto");
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamingConfig(SMALL, "alto", 1e6, 0.1, 90, 10, 10, 20,
                        100, 4, 1e7, 4, 0.05))
                .withMessageContaining("buffer map");
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamingSimulator(base.withPolicy("fastest")).run())
                .withMessageContaining("fastest");
    }
}
