package io.altokit.sim.select;

import io.altokit.sim.topology.CapacityMix;
import io.altokit.sim.topology.Topology;
import io.altokit.sim.topology.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerSelectionTest {
    private static final Topology TOPOLOGY = Topology.generate(TopologySpec.of(400, 20, CapacityMix.BROADBAND, 4));

    @Test
    void altoFillsTheNeighbourhoodFromTheOwnAsFirst() {
        PeerSelection alto = PeerSelection.named("alto", TOPOLOGY);
        int peer = 0;
        int local = (int) IntStream.range(1, TOPOLOGY.peers()).filter(p -> TOPOLOGY.asOf(p) == TOPOLOGY.asOf(peer)).count();
        int[] chosen = alto.choose(peer, IntStream.range(1, TOPOLOGY.peers()).toArray(), local, new SplittableRandom(1));
        assertThat(Arrays.stream(chosen).boxed().toList()).hasSize(local).allMatch(p -> TOPOLOGY.asOf(p) == TOPOLOGY.asOf(peer));
    }

    @Test
    void altoWithARandomShareGivesEveryFifthPlaceToChance() {
        PeerSelection mixed = PeerSelection.named("alto-random", TOPOLOGY);
        int[] all = IntStream.range(1, TOPOLOGY.peers()).toArray();
        int foreignAtRandomPlaces = 0;
        for (int seed = 0; seed < 20; seed++) {
            int[] chosen = mixed.choose(0, all.clone(), 10, new SplittableRandom(seed));
            foreignAtRandomPlaces += TOPOLOGY.asOf(chosen[4]) != TOPOLOGY.asOf(0) ? 1 : 0;
        }
        assertThat(foreignAtRandomPlaces).as("the 5th place is random: mostly another AS").isGreaterThan(12);
    }

    @Test
    void rttPrefersNearPeersAndRandomTakesDistinctCandidates() {
        int[] all = IntStream.range(1, TOPOLOGY.peers()).toArray();
        int[] near = PeerSelection.named("rtt", TOPOLOGY).choose(0, all.clone(), 20, new SplittableRandom(2));
        int[] any = PeerSelection.named("random", TOPOLOGY).choose(0, all.clone(), 20, new SplittableRandom(2));
        assertThat(Arrays.stream(any).distinct().count()).isEqualTo(20);
        assertThat(Arrays.stream(near).mapToDouble(p -> TOPOLOGY.rttS(0, p)).average().orElseThrow())
                .isLessThan(Arrays.stream(any).mapToDouble(p -> TOPOLOGY.rttS(0, p)).average().orElseThrow());
    }

    @Test
    void trackerOffersDistinctOtherPresentPeers() {
        Tracker tracker = Tracker.withEveryone(50, 30);
        int[] offered = tracker.candidatesFor(7, new SplittableRandom(3));
        assertThat(offered).hasSize(30).doesNotContain(7);
        assertThat(Arrays.stream(offered).distinct().count()).isEqualTo(30);
        Tracker few = Tracker.withEveryone(5, 30);
        assertThat(few.candidatesFor(2, new SplittableRandom(3))).containsExactlyInAnyOrder(0, 1, 3, 4);
        few.leave(3);
        few.leave(3);
        assertThat(few.presentCount()).isEqualTo(4);
        assertThat(few.candidatesFor(2, new SplittableRandom(4))).containsExactlyInAnyOrder(0, 1, 4);
        assertThat(few.candidatesFor(3, new SplittableRandom(4))).as("a peer not present is offered everyone present")
                .containsExactlyInAnyOrder(0, 1, 2, 4);
    }

    @Test
    void anUnknownPolicyIsNamedInTheError() {
        assertThatIllegalArgumentException().isThrownBy(() -> PeerSelection.named("greedy", TOPOLOGY))
                .withMessageContaining("greedy").withMessageContaining("alto-random");
    }
}
