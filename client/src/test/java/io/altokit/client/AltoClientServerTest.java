package io.altokit.client;

import io.altokit.core.IpPrefix;
import io.altokit.model.AddressType;
import io.altokit.model.CostConstraint;
import io.altokit.model.CostMapFilter;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostSelection;
import io.altokit.model.CostTable;
import io.altokit.model.CostTest;
import io.altokit.model.CostType;
import io.altokit.model.Directory;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.EndpointPropertyRequest;
import io.altokit.model.EndpointPropertyResponse;
import io.altokit.model.ErrorCode;
import io.altokit.model.MediaTypes;
import io.altokit.model.MultiCostMapResponse;
import io.altokit.model.NetworkMapFilter;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.PropertyMapRequest;
import io.altokit.model.PropertyMapResponse;
import io.altokit.model.TypedAddress;
import io.altokit.model.VersionTag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every AltoClient call against a real AltoKit server in process. */
@Timeout(30)
class AltoClientServerTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private static final CostType HOPS = new CostType("hopcount", CostMode.NUMERICAL);
    private static InProcessServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new InProcessServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AltoClient client() {
        return AltoClient.builder(server.directoryUri()).requestTimeout(Duration.ofSeconds(5)).build();
    }

    private static TypedAddress address(String text) {
        return TypedAddress.parse(text).orElseThrow();
    }

    private static double cost(CostMapResponse map, String src, String dst) {
        return map.costs().cost(map.costs().srcs().indexOf(src), map.costs().dsts().indexOf(dst));
    }

    @Test
    void bootstrapsFromTheDirectoryOnce() {
        try (AltoClient alto = client()) {
            Directory directory = alto.directory();
            assertThat(directory.defaultNetworkMap()).contains("default-network-map");
            assertThat(directory.resources().values()).extracting(Directory.Entry::mediaType)
                    .contains(MediaTypes.NETWORK_MAP, MediaTypes.COST_MAP, MediaTypes.ENDPOINT_PROP, MediaTypes.ENDPOINT_COST);
            assertThat(alto.directory()).isSameAs(directory);
            assertThat(alto.stats().requests()).isEqualTo(1);

            assertThat(alto.refreshDirectory()).isSameAs(directory);
            assertThat(alto.stats().notModified()).isEqualTo(1);
        }
    }

    @Test
    void networkMapIsCachedAndRevalidatedWith304() {
        try (AltoClient alto = client()) {
            NetworkMapResponse map = alto.networkMap();
            assertThat(map.vtag().resourceId()).isEqualTo("default-network-map");
            assertThat(map.pids()).containsKeys("a", "b", "c");
            assertThat(map.pids().get("c")).isEqualTo(Map.of(AddressType.IPV4, List.of("10.2.5.0/24"),
                    AddressType.IPV6, List.of("2001:db8:2::/48")));

            assertThat(alto.networkMap()).isSameAs(map);
            assertThat(alto.stats().notModified()).isEqualTo(1);
        }
    }

    @Test
    void costMapByCostTypeMatchesTheNetworkMapAndIsCached() {
        try (AltoClient alto = client()) {
            CostMapResponse costs = alto.costMap(ROUTING);
            assertThat(costs.costType().sameAs(ROUTING)).isTrue();
            assertThat(cost(costs, "a", "b")).isEqualTo(5);
            assertThat(cost(costs, "c", "a")).isEqualTo(10);
            NetworkMapResponse map = alto.networkMap();
            assertThat(costs.dependentVtags()).contains(map.vtag());

            long before = alto.stats().notModified();
            assertThat(alto.costMap(ROUTING)).isSameAs(costs);
            assertThat(alto.stats().notModified()).isEqualTo(before + 1);
        }
    }

    @Test
    void aNewSnapshotIsPickedUpAndTheNetworkMapRevalidated() throws InterruptedException {
        try (InProcessServer own = new InProcessServer();
             AltoClient alto = AltoClient.builder(own.directoryUri()).build()) {
            NetworkMapResponse before = alto.networkMap();
            assertThat(cost(alto.costMap(ROUTING), "a", "b")).isEqualTo(5);

            own.informationBase.publish(InProcessServer.network(7)
                    .pid("d", List.of(IpPrefix.parse("10.9.0.0/16"))).build());

            CostMapResponse after = alto.costMap(ROUTING);
            assertThat(cost(after, "a", "b")).isEqualTo(7);
            NetworkMapResponse map = alto.networkMap();
            assertThat(map.vtag()).isNotEqualTo(before.vtag());
            assertThat(after.dependentVtags()).contains(map.vtag());
            assertThat(map.pids()).containsKey("d");
        }
    }

    @Test
    void filteredNetworkMap() {
        try (AltoClient alto = client()) {
            NetworkMapResponse map = alto.filteredNetworkMap(new NetworkMapFilter(List.of("a"), Set.of(AddressType.IPV6)));
            assertThat(map.pids()).isEqualTo(Map.of("a", Map.of(AddressType.IPV6, List.of("2001:db8:1::/48"))));
        }
    }

    @Test
    void filteredCostMap() {
        try (AltoClient alto = client()) {
            CostMapResponse costs = alto.filteredCostMap(new CostMapFilter(ROUTING,
                    List.of(CostConstraint.parse("le 5").orElseThrow()), List.of("a", "b"), List.of("b", "c")));
            assertThat(costs.costs().srcs()).containsExactly("a", "b");
            assertThat(cost(costs, "a", "b")).isEqualTo(5);
            assertThat(cost(costs, "b", "c")).isEqualTo(5);
            assertThat(costs.costs().dsts().contains("c") ? costs.costs().isPresent(0, costs.costs().dsts().indexOf("c")) : false)
                    .as("a->c costs 10, over the constraint").isFalse();
        }
    }

    @Test
    void endpointProperties() {
        try (AltoClient alto = client()) {
            EndpointPropertyResponse response = alto.endpointProperties(new EndpointPropertyRequest(
                    List.of("default-network-map.pid"), List.of(address("ipv4:10.2.5.1"), address("ipv6:2001:db8:1::9"))));
            assertThat(response.properties()).isEqualTo(Map.of(
                    "ipv4:10.2.5.1", Map.of("default-network-map.pid", "c"),
                    "ipv6:2001:db8:1::9", Map.of("default-network-map.pid", "a")));
            assertThat(response.dependentVtags()).extracting(VersionTag::resourceId).containsExactly("default-network-map");
        }
    }

    @Test
    void propertyMaps() {
        try (AltoClient alto = client()) {
            PropertyMapResponse full = alto.propertyMap();
            assertThat(full.dependentVtags()).extracting(VersionTag::resourceId).containsExactly("default-network-map");
            assertThat(full.properties().get("ipv4:10.2.5.0/24")).as("nested in b's /16, only what differs")
                    .isEqualTo(Map.of("default-network-map.pid", Optional.of("c"), ".priv:area-name", Optional.of("Nowa Huta")));
            assertThat(full.properties().get("default-network-map.pid:b")).isEqualTo(Map.of(".priv:area-name", Optional.of("Krakow")));

            PropertyMapResponse filtered = alto.filteredPropertyMap(new PropertyMapRequest(
                    List.of("ipv4:10.2.9.9", "default-network-map.pid:c"), List.of(".priv:area-name")));
            assertThat(filtered.properties()).isEqualTo(Map.of(
                    "ipv4:10.2.9.9", Map.of(".priv:area-name", Optional.of("Krakow")),
                    "default-network-map.pid:c", Map.of(".priv:area-name", Optional.of("Nowa Huta"))));
            assertThat(alto.filteredPropertyMap(List.of("ipv4:10.2.9.9")).properties()).as("every property of the domain")
                    .isEqualTo(Map.of("ipv4:10.2.9.9", Map.of("default-network-map.pid", Optional.of("b"), ".priv:area-name", Optional.of("Krakow"))));
            assertThatThrownBy(() -> alto.filteredPropertyMap(new PropertyMapRequest(List.of("ipv4:10.2.9.9"), List.of(".priv:asn"))))
                    .isInstanceOf(AltoResourceNotOfferedException.class);
            assertThatThrownBy(() -> alto.filteredPropertyMap(List.of("pid:b"))).isInstanceOf(AltoResourceNotOfferedException.class);
        }
    }

    @Test
    void endpointCost() {
        try (AltoClient alto = client()) {
            CostMapResponse costs = alto.endpointCost(new EndpointCostRequest(ROUTING, List.of(),
                    List.of(address("ipv4:10.1.0.1")), List.of(address("ipv4:10.2.0.1"), address("ipv4:10.2.5.1"))));
            assertThat(cost(costs, "ipv4:10.1.0.1", "ipv4:10.2.0.1")).isEqualTo(5);
            assertThat(cost(costs, "ipv4:10.1.0.1", "ipv4:10.2.5.1")).isEqualTo(10);
        }
    }

    @Test
    void filteredMultiCostMapWithOrConstraints() {
        try (AltoClient alto = client()) {
            CostSelection costs = CostSelection.multi(List.of(ROUTING, HOPS))
                    .testing(List.of(HOPS), List.of(List.of(CostTest.parse("[0] ge 3").orElseThrow()),
                            List.of(CostTest.parse("[0] eq 0").orElseThrow())));
            MultiCostMapResponse map = alto.filteredMultiCostMap(new CostMapFilter(costs, List.of("a"), List.of()));
            assertThat(map.costTypes()).containsExactly(ROUTING, HOPS);
            assertThat(map.dependentVtags()).contains(alto.networkMap().vtag());
            CostTable shape = map.shape();
            assertThat(shape.srcs()).containsExactly("a");
            int toA = shape.dsts().indexOf("a");
            int toC = shape.dsts().indexOf("c");
            assertThat(map.costs(0, toA)).containsExactly(1, 0);
            assertThat(map.costs(0, toC)).containsExactly(10, 3);
            assertThat(shape.dsts().contains("b") && shape.isPresent(0, shape.dsts().indexOf("b")))
                    .as("a->b is 2 hops: neither alternative passes").isFalse();
        }
    }

    @Test
    void endpointMultiCostPicksAServiceTakingEveryType() {
        try (AltoClient alto = client()) {
            MultiCostMapResponse map = alto.endpointMultiCost(new EndpointCostRequest(CostSelection.multi(List.of(HOPS, ROUTING)),
                    List.of(address("ipv4:10.1.0.1")), List.of(address("ipv4:10.2.0.1"))));
            assertThat(map.costs(0, 0)).containsExactly(2, 5);
            CostType unknown = new CostType("delay-ow", CostMode.NUMERICAL);
            assertThatThrownBy(() -> alto.endpointMultiCost(new EndpointCostRequest(CostSelection.multi(List.of(ROUTING, unknown)),
                    List.of(), List.of(address("ipv4:10.2.0.1"))))).isInstanceOf(AltoResourceNotOfferedException.class);
        }
    }

    @Test
    void anErrorObjectBecomesATypedExceptionAndIsNotRetried() {
        try (AltoClient alto = client()) {
            alto.directory();
            long before = alto.stats().requests();
            assertThatThrownBy(() -> alto.filteredNetworkMap(new NetworkMapFilter(List.of("not a pid!"), Set.of())))
                    .isInstanceOfSatisfying(AltoErrorResponseException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error().code()).isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE);
                        assertThat(e.error().field()).contains("pids");
                        assertThat(e.error().value()).contains("not a pid!");
                    });
            assertThat(alto.stats().requests()).isEqualTo(before + 1);
        }
    }

    @Test
    void aCostTypeTheDirectoryDoesNotListIsRefusedLocally() {
        try (AltoClient alto = client()) {
            assertThatThrownBy(() -> alto.costMap(new CostType("priv:nothing", CostMode.NUMERICAL)))
                    .isInstanceOf(AltoResourceNotOfferedException.class).hasMessageContaining("priv:nothing");
            assertThatThrownBy(() -> alto.networkMap("no-such-map"))
                    .isInstanceOf(AltoResourceNotOfferedException.class);
        }
    }
}
