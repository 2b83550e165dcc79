package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.InformationBase;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.Verdict;
import io.altokit.server.protection.access.AccessRule;
import io.altokit.server.protection.access.AccessRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Access grants and privacy policies together: each caller's directory is what both let it use. */
class CallerViewsTest {
    /** Stands in for the authentication guards: the Authorization header is the client's name. */
    private static final Guard NAME_FROM_HEADER = call -> Verdict.pass(
            call.request().authorization().map(name -> call.withCaller(call.caller().named(name))).orElse(call));
    private static final PrivacyPolicy NO_ENDPOINT_COST = new PrivacyPolicy(new CostDisclosure.OrdinalOnly(), false, false);

    private final AccessRules rules = new AccessRules(List.of(
            new AccessRule(List.of(), List.of("partner"),
                    Set.of(ServerConfig.DEFAULT_NETWORK_MAP_ID, "endpoint-cost", "filtered-cost-map")),
            new AccessRule(List.of(), List.of(), Set.of(AccessRule.ALL))));
    private final Dispatcher dispatcher = new Dispatcher(new InformationBase(TestNetwork.snapshot()), ServerConfig.defaults(),
            new Protection(List.of(NAME_FROM_HEADER, rules), List.of(),
                    new PrivacyPolicies(PrivacyPolicy.FULL, Map.of("partner", NO_ENDPOINT_COST)), Optional.of(rules)));

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void theDirectoryListsWhatTheGrantAndThePrivacyPolicyBothAllow() throws Exception {
        Reply partner = directory(Optional.of("partner"));
        assertThat(ids(partner)).containsExactly(ServerConfig.DEFAULT_NETWORK_MAP_ID, "filtered-cost-map");
        assertThat(json(partner).at("/meta/default-alto-network-map").asText()).isEqualTo(ServerConfig.DEFAULT_NETWORK_MAP_ID);
        assertThat(json(partner).at("/meta/cost-types").propertyStream().map(Map.Entry::getKey))
                .isNotEmpty().allMatch(name -> name.startsWith("ord-"));
        assertThat(partner.etag()).isEmpty();

        Reply everyone = directory(Optional.empty());
        assertThat(ids(everyone)).contains("endpoint-cost", "costmap-num-routingcost", "filtered-network-map");
        assertThat(everyone.etag()).isPresent();
    }

    @Test
    void aCallersDirectoryIsTheSameRepresentationOnEveryRequest() {
        assertThat(directory(Optional.of("partner")).body()).isSameAs(directory(Optional.of("partner")).body());
    }

    private Reply directory(Optional<String> client) {
        Reply reply = dispatcher.dispatch(new AltoRequest("GET", "/directory", Optional.empty(), Optional.empty(), Optional.empty(),
                new byte[0], InetAddress.getLoopbackAddress(), client, Optional.empty()));
        assertThat(reply.status()).isEqualTo(200);
        return reply;
    }

    private static JsonNode json(Reply reply) throws Exception {
        return new ObjectMapper().readTree(reply.body().identity());
    }

    private static List<String> ids(Reply reply) throws Exception {
        List<String> ids = new ArrayList<>();
        json(reply).get("resources").fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
