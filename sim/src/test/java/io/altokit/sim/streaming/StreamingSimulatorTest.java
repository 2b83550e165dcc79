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
    void waitingForNearHoldersCutsInterAsTrafficWithoutMissingMoreDeadlines() {
        Topology topology = Topology.generate(SMALL);
        StreamingResult eager = new StreamingSimulator(small("alto-random").withLocality(0, 1), topology, StreamingObserver.NONE).run();
        StreamingResult patient = new StreamingSimulator(small("alto-random"), topology, StreamingObserver.NONE).run();
        assertThat(patient.interAsTrafficShare()).isLessThan(eager.interAsTrafficShare() * 0.8);
        assertThat(patient.deadlineMissShare()).isLessThanOrEqualTo(eager.deadlineMissShare() + 0.01);
    }

    @Test
    void everyRunCarriesTheLowerBoundOfItsTopologyAndStaysAboveIt() {
        Topology topology = Topology.generate(SMALL);
        int withPeers = 0;
        for (int a = 0; a < topology.ases(); a++) {
            withPeers += topology.peersIn(a) > 0 ? 1 : 0;
        }
        for (String policy : new String[] {"random", "alto-random"}) {
            StreamingResult result = new StreamingSimulator(small(policy), topology, StreamingObserver.NONE).run();
            // The source sits in one of the ASes; when that AS has peers it needs no crossing.
            assertThat(Math.round(result.interAsLowerBound() * 300)).as(policy).isIn((long) withPeers, withPeers - 1L);
            assertThat(result.interAsTrafficShare()).as(policy).isGreaterThan(result.interAsLowerBound());
            assertThat(result.summary().number("inter_as_share_to_bound"))
                    .isEqualTo(result.interAsTrafficShare() / result.interAsLowerBound());
        }
    }

    @Test
    void altoPeersFindTheirPidThroughTheirNearNeighbours() {
        // The tracker offers each peer 100 of the other 299: about a third of its 9 or so PID mates.
        Topology topology = Topology.generate(SMALL);
        double rttShare = pidMatesAmongNeighbours(topology, "rtt");
        double altoShare = pidMatesAmongNeighbours(topology, "alto-random");
        assertThat(rttShare).as("rtt picks the near peers it was offered, and hears of no others").isBetween(0.2, 0.5);
        assertThat(altoShare).as("alto-random hears of its PID mates from the ones it was offered").isGreaterThan(0.8);
    }

    /** Of every peer's PID mates (at most as many as it has neighbours), the share among its final neighbours. */
    private static double pidMatesAmongNeighbours(Topology topology, String policy) {
        StreamingConfig base = small(policy);
        StreamingConfig config = new StreamingConfig(SMALL, policy, base.streamRateBps(), base.chunkS(), 60, base.warmupS(),
                base.playoutDelayS(), base.neighbours(), 100, base.parallelRequests(), base.sourceUplinkBps(), base.sourceFanout(),
                base.stepS(), base.localWaitS(), base.fallbackSlackS(), Churn.NONE);
        int[][] chosen = new int[topology.peers()][];
        new StreamingSimulator(config, topology, new StreamingObserver() {
            @Override
            public void neighboursChosen(int peer, int[] neighbours) {
                chosen[peer] = neighbours.clone();
            }
        }).run();
        long mates = 0;
        long possible = 0;
        for (int p = 0; p < topology.peers(); p++) {
            int as = topology.asOf(p);
            mates += Arrays.stream(chosen[p]).filter(n -> topology.asOf(n) == as).count();
            possible += Math.min(topology.peersIn(as) - 1, config.neighbours());
        }
        return (double) mates / possible;
    }

    /** Follows who is online from the churn notices and checks every delivery against it. */
    private static final class ChurnCheck implements StreamingObserver {
        final boolean[] away = new boolean[300];
        long leftCount;
        long returnedCount;
        long deliveriesToTheAway;
        long deliveriesFromTheAway;

        @Override
        public void left(int peer, double time) {
            assertThat(away[peer]).as("peer %d left twice", peer).isFalse();
            away[peer] = true;
            leftCount++;
        }

        @Override
        public void returned(int peer, double time) {
            assertThat(away[peer]).as("peer %d came back without leaving", peer).isTrue();
            away[peer] = false;
            returnedCount++;
        }

        @Override
        public void delivered(int sender, int receiver, int chunk, double created, double started, double arrived) {
            deliveriesToTheAway += away[receiver] ? 1 : 0;
            deliveriesFromTheAway += sender < away.length && away[sender] ? 1 : 0;
        }
    }

    @Test
    void churnKeepsItsBookkeeping() {
        StreamingConfig config = small("alto-random").withChurn(new Churn(60, 20, 15));
        ChurnCheck check = new ChurnCheck();
        StreamingResult result = new StreamingSimulator(config, Topology.generate(SMALL), check).run();
        // 300 peers, 90 s, sessions of 60 s on average: about 300 * (1 - e^(-1.5)) first departures, some come back and go again.
        assertThat(result.leaves()).isEqualTo(check.leftCount).isBetween(200L, 400L);
        assertThat(check.returnedCount).isPositive().isLessThanOrEqualTo(check.leftCount);
        assertThat(check.deliveriesToTheAway).as("chunks delivered to a peer that was away").isZero();
        assertThat(check.deliveriesFromTheAway).as("chunks sent by a peer that was away").isZero();
        // Every present peer re-selects every 15 s: about 90 / 15 times each, fewer while away.
        assertThat(result.refreshes()).isBetween(300L * 4, 300L * 6);
        assertThat(result.bytesDropped()).isPositive();
        assertThat(result.bytesDelivered()).isCloseTo(result.chunksDelivered() * config.chunkBytes() + result.bytesInFlight()
                + result.bytesDropped(), within(result.bytesDelivered() * 1e-9));
        assertThat(result.deadlineMissShare()).isBetween(0.0, 0.2);
    }

    @Test
    void withoutChurnNobodyLeavesOrReselects() {
        StreamingResult result = new StreamingSimulator(small("alto-random")).run();
        assertThat(result.leaves()).isZero();
        assertThat(result.refreshes()).isZero();
        assertThat(result.bytesDropped()).isZero();
    }

    @Test
    void refusesConfigurationsItCannotRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> small("alto").withDuration(12))
                .withMessageContaining("shorter than the duration");
        StreamingConfig base = small("alto");
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamingConfig(SMALL, "alto", 1e6, 0.1, 90, 10, 10, 20,
                        100, 4, 1e7, 4, 0.05, 1, 3, Churn.NONE))
                .withMessageContaining("buffer map");
        assertThatIllegalArgumentException().isThrownBy(() -> base.withLocality(1, 10))
                .withMessageContaining("fallback slack");
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamingSimulator(base.withPolicy("fastest")).run())
                .withMessageContaining("fastest");
    }
}
