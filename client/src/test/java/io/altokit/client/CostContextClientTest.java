package io.altokit.client;

import io.altokit.core.Snapshot;
import io.altokit.model.CostContext;
import io.altokit.model.CostMapFilter;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostSource;
import io.altokit.model.CostType;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.TypedAddress;
import io.altokit.server.protection.Protection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9439 cost-contexts from a real AltoKit server to AltoClient: in the directory, in answers, in requests. */
@Timeout(30)
class CostContextClientTest {
    private static final CostContext SLA = CostContext.of(CostSource.SLA, Map.of("link", "https://isp.example/sla"));
    private static final CostType LOSS = new CostType("lossrate", CostMode.NUMERICAL);
    private static InProcessServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        Snapshot.Builder network = InProcessServer.network(5);
        for (String src : List.of("a", "b", "c")) {
            for (String dst : List.of("a", "b", "c")) {
                network.cost("lossrate", src, dst, src.equals(dst) ? 0 : 0.05);
            }
        }
        server = new InProcessServer(network.costContext("lossrate", SLA).build(), Protection.none());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AltoClient client() {
        return AltoClient.builder(server.directoryUri()).requestTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void theDirectoryTellsWhereEachMetricsValuesComeFrom() {
        try (AltoClient alto = client()) {
            assertThat(alto.directory().costTypes().get("num-lossrate").context()).contains(SLA);
            assertThat(alto.directory().costTypes().get("num-routingcost").source()).isEqualTo(CostSource.ESTIMATION);
        }
    }

    @Test
    void answersCarryTheContextAskedOrNot() {
        try (AltoClient alto = client()) {
            CostMapResponse full = alto.costMap(LOSS);
            assertThat(full.costType().context()).contains(SLA);
            CostMapResponse filtered = alto.filteredCostMap(new CostMapFilter(LOSS.withContext(Optional.of(new CostContext(CostSource.SLA))),
                    List.of(), List.of("a"), List.of("b")));
            assertThat(filtered.costType().context()).contains(SLA);
            assertThat(filtered.costs().cost(0, 0)).isEqualTo(0.05);
            CostMapResponse endpoints = alto.endpointCost(new EndpointCostRequest(LOSS, List.of(),
                    List.of(TypedAddress.parse("ipv4:10.1.0.1").orElseThrow()), List.of(TypedAddress.parse("ipv4:10.2.0.1").orElseThrow())));
            assertThat(endpoints.costType().source()).isEqualTo(CostSource.SLA);
        }
    }

    @Test
    void aCostTypeAskedFromASourceIsLookedForFromIt() {
        try (AltoClient alto = client()) {
            assertThat(alto.costMap(LOSS.withContext(Optional.of(new CostContext(CostSource.SLA)))).costType().source())
                    .isEqualTo(CostSource.SLA);
            CostType estimated = LOSS.withContext(Optional.of(new CostContext(CostSource.ESTIMATION)));
            assertThat(alto.offersCostMap(estimated)).isFalse();
            assertThatThrownBy(() -> alto.costMap(estimated)).isInstanceOf(AltoResourceNotOfferedException.class)
                    .hasMessageEndingWith("lists no cost map of type numerical lossrate (estimation)");
        }
    }

    /** The server would refuse it (PerformanceMetricsTest): the client does not send it. */
    @Test
    void aFilteredRequestFromAnotherSourceIsNotSent() {
        try (AltoClient alto = client()) {
            CostType estimated = LOSS.withContext(Optional.of(new CostContext(CostSource.ESTIMATION)));
            assertThatThrownBy(() -> alto.filteredCostMap(new CostMapFilter(estimated, List.of(), List.of(), List.of())))
                    .isInstanceOf(AltoResourceNotOfferedException.class)
                    .hasMessageContaining("numerical lossrate (estimation)");
            assertThat(alto.stats().requests()).as("the directory only").isEqualTo(1);
        }
    }
}
