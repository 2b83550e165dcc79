package io.altokit.client;

import io.altokit.core.CostMatrix;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.model.AddressType;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostTable;
import io.altokit.model.CostType;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.VersionTag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MapGuidanceTest {
    private static final VersionTag MAP_VTAG = new VersionTag("default-network-map", "v1");
    private static final NetworkMapResponse NETWORK_MAP = new NetworkMapResponse(MAP_VTAG, networkMap());

    private static Map<String, Map<AddressType, List<String>>> networkMap() {
        Map<String, Map<AddressType, List<String>>> pids = new LinkedHashMap<>();
        pids.put("a", Map.of(AddressType.IPV4, List.of("10.1.0.0/16"), AddressType.IPV6, List.of("2001:db8:1::/48")));
        pids.put("b", Map.of(AddressType.IPV4, List.of("10.2.0.0/16")));
        pids.put("c", Map.of(AddressType.IPV4, List.of("10.2.5.0/24")));
        return pids;
    }

    /** Only the row of PID a, as a client in PID a would fetch it through a filtered cost map. */
    private static CostMapResponse rowOfA(VersionTag dependsOn) {
        return new CostMapResponse(List.of(dependsOn), new CostType("routingcost", CostMode.NUMERICAL),
                new CostTable(List.of("a"), List.of("a", "b", "c"), new double[] {1, 10, 5}));
    }

    @Test
    void ranksCandidatesByLongestPrefixMatchWithoutAskingTheServer() throws Exception {
        MapGuidance guidance = MapGuidance.of(NETWORK_MAP, rowOfA(MAP_VTAG));
        List<InetAddress> candidates = List.of(address("10.2.0.9"), address("10.2.5.9"), address("2001:db8:1::9"),
                address("192.0.2.1"));
        double[] costs = guidance.costs(address("10.1.2.3"), candidates);
        assertThat(costs).containsExactly(10, 5, 1, Double.NaN);
        assertThat(guidance.pidOf(address("10.2.5.9"))).as("the longest prefix wins").isEqualTo("c");

        Ranking ranking = new PeerOrder(0, new Random(1)).order(candidates, costs);
        assertThat(ranking.peers()).extracting(peer -> peer.address().getHostAddress())
                .containsExactly("2001:db8:1:0:0:0:0:9", "10.2.5.9", "10.2.0.9", "192.0.2.1");
        assertThat(ranking.status()).as("no cost for the address outside the map").isEqualTo(Ranking.Status.DEGRADED);
    }

    @Test
    void ranksFromASnapshotInProcessAsFromTheFetchedMaps() throws Exception {
        Snapshot snapshot = Snapshot.builder()
                .pid("a", List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("2001:db8:1::/48")))
                .pid("b", List.of(IpPrefix.parse("10.2.0.0/16")))
                .pid("c", List.of(IpPrefix.parse("10.2.5.0/24")))
                .cost("routingcost", "a", "a", 1).cost("routingcost", "a", "b", 10).cost("routingcost", "a", "c", 5)
                .build();
        CostMatrix routingcost = snapshot.costMatrix("routingcost").orElseThrow();
        MapGuidance guidance = MapGuidance.of(snapshot.networkMap(), routingcost);
        List<InetAddress> candidates = List.of(address("10.2.0.9"), address("10.2.5.9"), address("2001:db8:1::9"),
                address("192.0.2.1"));
        assertThat(guidance.costs(address("10.1.2.3"), candidates))
                .as("the fallback PID \"default\" has no costs").containsExactly(10, 5, 1, Double.NaN);
        assertThat(guidance.costs(address("10.2.0.1"), candidates)).as("no costs from b").containsOnly(Double.NaN);
        assertThat(guidance.pidOf(address("10.2.5.9"))).isEqualTo("c");
    }

    @Test
    void refusesACostMatrixOfAnotherNetworkMap() {
        Snapshot small = Snapshot.builder().pid("a", List.of(IpPrefix.parse("10.1.0.0/16"))).cost("hopcount", "a", "a", 0).build();
        Snapshot large = Snapshot.builder().pid("a", List.of(IpPrefix.parse("10.1.0.0/16")))
                .pid("b", List.of(IpPrefix.parse("10.2.0.0/16"))).build();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MapGuidance.of(large.networkMap(), small.costMatrix("hopcount").orElseThrow()))
                .withMessageContaining("2x2").withMessageContaining("3 PIDs");
    }

    @Test
    void locatedPidsGiveTheSameCostsAsAddresses() throws Exception {
        MapGuidance guidance = MapGuidance.of(NETWORK_MAP, rowOfA(MAP_VTAG));
        int a = guidance.locate(address("10.1.2.3"));
        assertThat(guidance.pidCount()).as("a, b, c and the PID of unmapped addresses").isEqualTo(4);
        assertThat(guidance.cost(a, guidance.locate(address("10.2.5.9")))).isEqualTo(5);
        assertThat(guidance.cost(a, guidance.locate(address("2001:db8:1::9")))).isEqualTo(1);
        assertThat(guidance.cost(guidance.locate(address("10.2.0.1")), a)).as("no row for b").isNaN();
        assertThat(guidance.cost(a, guidance.locate(address("192.0.2.1")))).isNaN();
    }

    @Test
    void aSourceWithoutARowHasNoGuidance() throws Exception {
        MapGuidance guidance = MapGuidance.of(NETWORK_MAP, rowOfA(MAP_VTAG));
        assertThat(guidance.costs(address("10.2.0.1"), List.of(address("10.1.0.1")))).containsExactly(Double.NaN);
    }

    @Test
    void refusesACostMapForAnotherVersionOfTheNetworkMap() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MapGuidance.of(NETWORK_MAP, rowOfA(new VersionTag("default-network-map", "v0"))))
                .withMessageContaining("v0");
    }

    @Test
    void refusesANetworkMapThatIsNotOne() {
        Map<String, Map<AddressType, List<String>>> twice = new LinkedHashMap<>(networkMap());
        twice.put("d", Map.of(AddressType.IPV4, List.of("10.1.0.0/16")));
        VersionTag vtag = new VersionTag("default-network-map", "v2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MapGuidance.of(new NetworkMapResponse(vtag, twice), rowOfA(vtag)))
                .withMessageContaining("10.1.0.0/16");
    }

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
