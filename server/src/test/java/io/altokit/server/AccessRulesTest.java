package io.altokit.server;

import io.altokit.core.IpPrefix;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.access.AccessRule;
import io.altokit.server.protection.access.AccessRules;
import io.altokit.server.protection.auth.Authentication;
import io.altokit.server.protection.auth.BasicAuthenticator;
import io.altokit.server.protection.auth.PasswordHash;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access rules over real HTTP from several loopback source addresses: the issue's example, a
 * customer prefix with everything and one named client with two resources. Without the rules
 * every refusal below would be a 200.
 */
class AccessRulesTest {
    private static final String COSTMAP = "/costmap/num-routingcost";

    private static Protection issueExample() {
        BasicAuthenticator basic = new BasicAuthenticator(Map.of("app1", PasswordHash.BCRYPT.encode("pw", 4)),
                Duration.ofMinutes(1));
        AccessRules rules = new AccessRules(List.of(
                new AccessRule(List.of(IpPrefix.parse("127.0.1.0/24"), IpPrefix.parse("::1/128")), List.of(), Set.of("*")),
                new AccessRule(List.of(), List.of("app1"), Set.of(ServerConfig.DEFAULT_NETWORK_MAP_ID, "endpoint-cost"))));
        return new Protection(List.of(new Authentication(List.of(basic), true, 100), rules), List.of(), PrivacyPolicies.none(),
                Optional.of(rules));
    }

    @Test
    void callersInTheCustomerPrefixMayUseEverything() throws Exception {
        try (ServerFixture fixture = new ServerFixture(issueExample()); LoopbackCaller customer = new LoopbackCaller("127.0.1.7")) {
            assertThat(customer.get(fixture.uri("/networkmap")).statusCode()).isEqualTo(200);
            assertThat(customer.get(fixture.uri(COSTMAP)).statusCode()).isEqualTo(200);
            assertThat(customer.get(fixture.uri("/no-such-path")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void callersNoRuleMatchesAre403WithAnErrorObjectEvenForTheDirectory() throws Exception {
        try (ServerFixture fixture = new ServerFixture(issueExample()); LoopbackCaller stranger = new LoopbackCaller("127.0.2.9")) {
            for (String path : List.of("/networkmap", COSTMAP, "/directory", "/no-such-path")) {
                HttpResponse<byte[]> response = stranger.get(fixture.uri(path));
                assertThat(response.statusCode()).as(path).isEqualTo(403);
                assertThat(ServerFixture.json(response).at("/meta/code").asText()).isEqualTo("E_FORBIDDEN");
            }
        }
    }

    @Test
    void aNamedClientGetsItsResourcesAndTheDirectoryButNothingElse() throws Exception {
        String app1 = AuthenticationTest.basic("app1", "pw");
        try (ServerFixture fixture = new ServerFixture(issueExample()); LoopbackCaller client = new LoopbackCaller("127.0.2.9")) {
            assertThat(client.get(fixture.uri("/networkmap"), "Authorization", app1).statusCode()).isEqualTo(200);
            assertThat(client.get(fixture.uri("/directory"), "Authorization", app1).statusCode()).isEqualTo(200);
            assertThat(client.get(fixture.uri(COSTMAP), "Authorization", app1).statusCode()).isEqualTo(403);
            assertThat(client.get(fixture.uri("/no-such-path"), "Authorization", app1).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theDirectoryListsOnlyWhatTheCallersRuleGrants() throws Exception {
        try (ServerFixture fixture = new ServerFixture(issueExample()); LoopbackCaller client = new LoopbackCaller("127.0.2.9");
             LoopbackCaller customer = new LoopbackCaller("127.0.1.7")) {
            HttpResponse<byte[]> partner = client.get(fixture.uri("/directory"), "Authorization", AuthenticationTest.basic("app1", "pw"));
            List<String> listed = new ArrayList<>();
            ServerFixture.json(partner).path("resources").fieldNames().forEachRemaining(listed::add);
            assertThat(listed).containsExactly(ServerConfig.DEFAULT_NETWORK_MAP_ID, "endpoint-cost");
            assertThat(partner.headers().firstValue("ETag")).isEmpty();

            JsonNode everything = ServerFixture.json(customer.get(fixture.uri("/directory")));
            assertThat(everything.path("resources").size()).isGreaterThan(2);
        }
    }

    @Test
    void ipv6SourcesMatchIpv6Prefixes() throws Exception {
        ServerConfig v6 = ServerConfig.defaults().withPort(0).withBindAddress("::1");
        try (ServerFixture fixture = new ServerFixture(v6, TestNetwork.snapshot(), issueExample())) {
            assertThat(fixture.get(COSTMAP).statusCode()).isEqualTo(200);
        }
    }
}
