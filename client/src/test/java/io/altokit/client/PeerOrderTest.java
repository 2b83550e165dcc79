package io.altokit.client;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerOrderTest {

    @Test
    void lowestCostFirstWithDenseRanks() {
        Ranking ranking = new PeerOrder(0, new Random(1)).order(peers(4), new double[] {5, 1, 3, 1});
        assertThat(ranking.status()).isEqualTo(Ranking.Status.OK);
        assertThat(ranking.reason()).isEmpty();
        assertThat(ranking.peers()).extracting(RankedPeer::rank).containsExactly(1, 1, 2, 3);
        assertThat(ranking.peers().subList(0, 2)).extracting(peer -> peer.address().getHostAddress())
                .containsExactlyInAnyOrder("10.0.0.2", "10.0.0.4");
        assertThat(ranking.peers().get(3).cost()).hasValue(5);
        assertThat(ranking.peers()).noneMatch(RankedPeer::random);
    }

    @Test
    void tiesAreBrokenAtRandomAndReproduciblyForASeed() {
        double[] costs = {1, 1, 1, 1, 1};
        Set<List<String>> orders = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            List<String> order = addresses(new PeerOrder(0, new Random(seed)).order(peers(5), costs));
            assertThat(addresses(new PeerOrder(0, new Random(seed)).order(peers(5), costs))).as("same seed, same order")
                    .isEqualTo(order);
            orders.add(order);
        }
        assertThat(orders).as("different seeds break ties differently").hasSizeGreaterThan(10);
    }

    @Test
    void aShareOfPlacesIsSpreadOverTheListForRandomPeers() {
        SplittableRandom costs = new SplittableRandom(3);
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = costs.nextInt(20);
        }
        Ranking ranking = new PeerOrder(PeerOrder.DEFAULT_RANDOM_SHARE, new Random(7)).order(peers(100), values);
        List<RankedPeer> peers = ranking.peers();
        assertThat(peers).hasSize(100).extracting(RankedPeer::address).doesNotHaveDuplicates();
        List<Integer> randomPlaces = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).random()) {
                randomPlaces.add(i);
            }
        }
        assertThat(randomPlaces).as("every fifth place").containsExactly(4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59,
                64, 69, 74, 79, 84, 89, 94, 99);
        List<Double> guided = peers.stream().filter(peer -> !peer.random()).map(peer -> peer.cost().getAsDouble()).toList();
        assertThat(guided).as("the other places in cost order").isSorted();
        assertThat(peers.subList(0, 20).stream().filter(RankedPeer::random)).as("random peers among the first ones").hasSize(4);
    }

    @Test
    void candidatesWithoutCostComeLastAndDegradeTheRanking() {
        Ranking ranking = new PeerOrder(0, new Random(1)).order(peers(3), new double[] {Double.NaN, 2, 1});
        assertThat(ranking.status()).isEqualTo(Ranking.Status.DEGRADED);
        assertThat(ranking.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("1 of 3"));
        assertThat(addresses(ranking)).containsExactly("10.0.0.3", "10.0.0.2", "10.0.0.1");
        assertThat(ranking.peers().get(2).cost()).isEmpty();
        assertThat(ranking.peers().get(2).rank()).isZero();
    }

    @Test
    void withoutAnyCostTheCandidatesComeBackAsGiven() {
        Ranking ranking = new PeerOrder(0.2, new Random(1)).order(peers(3), new double[] {Double.NaN, Double.NaN, Double.NaN});
        assertThat(ranking.status()).isEqualTo(Ranking.Status.UNAVAILABLE);
        assertThat(addresses(ranking)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(Ranking.unavailable(peers(2), "server down").peers()).allMatch(peer -> peer.rank() == 0 && !peer.random());
    }

    @Test
    void randomPlacesAreSpreadEvenly() {
        List<Integer> places = new ArrayList<>();
        for (int position = 0; position < 10; position++) {
            if (PeerOrder.isRandomPlace(position, 2, 10)) {
                places.add(position);
            }
        }
        assertThat(places).containsExactly(4, 9);
        assertThat(PeerOrder.isRandomPlace(0, 0, 10)).isFalse();
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerOrder(1.5, new Random()));
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerOrder(Double.NaN, new Random()));
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerOrder(0, new Random()).order(peers(2), new double[1]));
    }

    private static List<String> addresses(Ranking ranking) {
        return ranking.peers().stream().map(peer -> peer.address().getHostAddress()).toList();
    }

    private static List<InetAddress> peers(int count) {
        List<InetAddress> peers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            try {
                peers.add(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return peers;
    }
}
