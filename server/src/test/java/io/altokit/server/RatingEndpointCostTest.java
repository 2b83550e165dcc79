package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.Criterion;
import io.altokit.core.IpPrefix;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's weights decide how the endpoint cost service ranks peers. */
class RatingEndpointCostTest {

    private static final String[] AREAS = {"home", "near", "far"};
    // From home: near is 2 ms away but costs 0.05 per GB, far is 8 ms away but costs 0.02.
    private static final double[][] DELAY_RT = {{1000, 2000, 8000}, {2000, 1000, 6000}, {8000, 6000, 1000}};
    private static final double[][] MONETARY = {{0, 0.05, 0.02}, {0.05, 0, 0.02}, {0.02, 0.02, 0}};

    private static Snapshot rated(double delayWeight, double monetaryWeight) {
        Snapshot.Builder builder = Snapshot.builder();
        for (int i = 0; i < AREAS.length; i++) {
            builder.pid(AREAS[i], List.of(IpPrefix.parse("10." + (i + 1) + ".0.0/16")));
            for (int j = 0; j < AREAS.length; j++) {
                builder.cost("delay-rt", AREAS[i], AREAS[j], DELAY_RT[i][j]);
                builder.cost("priv:monetary-per-gb", AREAS[i], AREAS[j], MONETARY[i][j]);
            }
        }
        return builder.rating(new Rating(List.of(Criterion.linear("delay-rt", delayWeight),
                Criterion.linear("priv:monetary-per-gb", monetaryWeight)))).build();
    }

    /** Ordinal routingcost from a home peer to a near and a far one. */
    private static JsonNode ranks(ServerFixture fixture) throws Exception {
        return ServerFixture.json(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS, """
                {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'},
                 'endpoints': {'srcs': ['ipv4:10.1.0.1'], 'dsts': ['ipv4:10.2.0.1', 'ipv4:10.3.0.1']}}"""))
                .at("/endpoint-cost-map/ipv4:10.1.0.1");
    }

    @Test
    void raisingTheMonetaryWeightRanksTheCheapFarPeerFirst() throws Exception {
        try (ServerFixture fixture = new ServerFixture(ServerConfig.defaults().withPort(0), rated(1, 1))) {
            JsonNode balanced = ranks(fixture);
            assertThat(balanced.get("ipv4:10.2.0.1").asInt()).as("near").isEqualTo(1);
            assertThat(balanced.get("ipv4:10.3.0.1").asInt()).as("far").isEqualTo(2);

            fixture.informationBase.publish(rated(1, 3));
            JsonNode thrifty = ranks(fixture);
            assertThat(thrifty.get("ipv4:10.3.0.1").asInt()).as("far").isEqualTo(1);
            assertThat(thrifty.get("ipv4:10.2.0.1").asInt()).as("near").isEqualTo(2);
        }
    }
}
