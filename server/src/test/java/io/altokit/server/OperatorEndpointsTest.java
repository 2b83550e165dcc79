package io.altokit.server;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.server.ops.Operations;
import io.altokit.server.ops.Readiness;
import io.altokit.server.ops.Scrape;
import io.altokit.server.ops.ServerMetrics;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.access.AccessRule;
import io.altokit.server.protection.access.AccessRules;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics, /health, /ready and /ui/ on the main listener (behind the access rules) or on an admin
 * listener (which answers the ALTO resources too).
 */
class OperatorEndpointsTest {
    private static final String MAP = ServerConfig.DEFAULT_NETWORK_MAP_ID;

    @Test
    void metricsCountKnownTrafficExactly() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            int mapBytes = 0;
            for (int i = 0; i < 3; i++) {
                mapBytes = fixture.get("/networkmap").body().length;
            }
            assertThat(fixture.send(HttpRequest.newBuilder(fixture.uri("/networkmap")).HEAD()).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> notAllowed = fixture.post("/networkmap", "application/json", "{}");
            assertThat(notAllowed.statusCode()).isEqualTo(405);
            fixture.get("/no-such-path");
            fixture.get("/no-such-path");

            Scrape scrape = Scrape.of(fixture.get("/metrics").body());

            assertThat(requests(scrape, MAP, "GET", "200")).isEqualTo(3);
            assertThat(requests(scrape, MAP, "HEAD", "200")).isEqualTo(1);
            assertThat(requests(scrape, MAP, "POST", "405")).isEqualTo(1);
            assertThat(requests(scrape, ServerMetrics.NO_RESOURCE, "GET", "404")).isEqualTo(2);
            assertThat(scrape.value("alto_http_request_duration_seconds_count", "resource", MAP)).hasValue(5);
            assertThat(scrape.value("alto_http_response_body_bytes_total", "resource", MAP))
                    .hasValue(3 * mapBytes + notAllowed.body().length);
            assertThat(scrape.value("alto_http_requests_total", "resource", MAP, "status", "304")).isEmpty();
        }
    }

    @Test
    void snapshotMetricsDescribeTheServedNetworkMap() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            NetworkMap served = fixture.informationBase.current().networkMap();
            long ipv4 = 0;
            for (int pid = 0; pid < served.size(); pid++) {
                ipv4 += served.prefixes(pid, AddressFamily.IPV4).size();
            }

            Scrape scrape = Scrape.of(fixture.get("/metrics").body());

            assertThat(scrape.value("alto_snapshot_info", "vtag", served.vtag())).hasValue(1);
            assertThat(scrape.value("alto_snapshot_pids")).hasValue(served.size());
            assertThat(scrape.value("alto_snapshot_prefixes", "family", "ipv4")).hasValue(ipv4);
            assertThat(scrape.value("alto_snapshot_publications_total")).hasValue(1);
            assertThat(scrape.value("alto_update_streams")).hasValue(0);
            assertThat(scrape.value("alto_tips_views")).hasValue(0);
        }
    }

    @Test
    void theEndpointsAreResourcesTheAccessRulesGrantAndRefusalsAreCountedByReason() throws Exception {
        AccessRules rules = new AccessRules(List.of(
                new AccessRule(List.of(IpPrefix.parse("127.0.1.0/24")), List.of(), Set.of("*")),
                new AccessRule(List.of(IpPrefix.parse("127.0.2.0/24")), List.of(), Set.of(MAP))));
        Protection protection = new Protection(List.of(rules), List.of(), PrivacyPolicies.none(), Optional.of(rules));
        try (ServerFixture fixture = new ServerFixture(protection);
             LoopbackCaller operator = new LoopbackCaller("127.0.1.7");
             LoopbackCaller partner = new LoopbackCaller("127.0.2.9");
             LoopbackCaller stranger = new LoopbackCaller("127.0.3.9")) {
            assertThat(partner.get(fixture.uri("/networkmap")).statusCode()).isEqualTo(200);
            assertThat(partner.get(fixture.uri("/metrics")).statusCode()).isEqualTo(403);
            assertThat(partner.get(fixture.uri("/ready")).statusCode()).isEqualTo(403);
            assertThat(stranger.get(fixture.uri("/health")).statusCode()).isEqualTo(403);

            HttpResponse<byte[]> metrics = operator.get(fixture.uri("/metrics"));

            assertThat(metrics.statusCode()).isEqualTo(200);
            Scrape scrape = Scrape.of(metrics.body());
            assertThat(scrape.value("alto_http_refusals_total", "status", "403", "reason", "not_granted")).hasValue(2);
            assertThat(scrape.value("alto_http_refusals_total", "status", "403", "reason", "no_rule")).hasValue(1);
            assertThat(scrape.value("alto_http_refusals_total", "status", "429", "reason", "rate_limit"))
                    .as("known reasons are exposed before their first refusal").hasValue(0);
            assertThat(requests(scrape, AdminResources.METRICS, "GET", "403")).isEqualTo(1);
            assertThat(requests(scrape, AdminResources.HEALTH, "GET", "403")).isEqualTo(2);
            assertThat(operator.get(fixture.uri("/health")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readyFollowsItsChecksAndHealthOnlySaysTheProcessIsUp() throws Exception {
        AtomicBoolean peersIn = new AtomicBoolean();
        Readiness bgp = () -> List.of(new Readiness.Check("bgp", peersIn.get(), peersIn.get() ? "all in" : "waiting"));
        try (ServerFixture fixture = new ServerFixture(Protection.none(),
                new Operations(ServerMetrics.withoutJvm(), bgp, Optional.empty()))) {
            HttpResponse<byte[]> waiting = fixture.get("/ready");
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(ServerFixture.json(waiting).path("ready").asBoolean(true)).isFalse();
            assertThat(ServerFixture.json(waiting).at("/checks/0/name").asText()).isEqualTo("snapshot");
            assertThat(ServerFixture.json(waiting).at("/checks/1/detail").asText()).isEqualTo("waiting");
            HttpResponse<byte[]> health = fixture.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ServerFixture.json(health).path("status").asText()).isEqualTo("up");

            peersIn.set(true);

            HttpResponse<byte[]> ready = fixture.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ServerFixture.json(ready).path("ready").asBoolean(false)).isTrue();
            assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void anAdminListenerServesTheOperatorEndpointsAndTheMainListenerNoneOfThem() throws Exception {
        Operations admin = new Operations(ServerMetrics.withoutJvm(), Readiness.NOTHING_MORE,
                Optional.of(new InetSocketAddress("127.0.0.1", 0)));
        try (ServerFixture fixture = new ServerFixture(Protection.none(), admin)) {
            InetSocketAddress adminAddress = fixture.server.adminAddress().orElseThrow();
            URI adminUri = URI.create("http://127.0.0.1:" + adminAddress.getPort() + "/");

            assertThat(fixture.get("/metrics").statusCode()).isEqualTo(404);
            assertThat(fixture.get("/ready").statusCode()).isEqualTo(404);
            assertThat(fixture.send(HttpRequest.newBuilder(adminUri.resolve("/ready"))).statusCode()).isEqualTo(200);
            assertThat(fixture.send(HttpRequest.newBuilder(adminUri.resolve("/networkmap"))).statusCode())
                    .as("the ALTO resources too, for the dashboard's same-origin reads").isEqualTo(200);
            assertThat(fixture.send(HttpRequest.newBuilder(adminUri.resolve("/no-such-path"))).statusCode()).isEqualTo(404);
            assertThat(fixture.send(HttpRequest.newBuilder(adminUri.resolve("/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
            HttpResponse<byte[]> metrics = fixture.send(HttpRequest.newBuilder(adminUri.resolve("/metrics")));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(requests(Scrape.of(metrics.body()), ServerMetrics.NO_RESOURCE, "GET", "404")).isEqualTo(3);
        }
    }

    @Test
    void theDashboardServesItsFilesFromTheJarAndNothingElse() throws Exception {
        try (ServerFixture fixture = new ServerFixture()) {
            HttpResponse<byte[]> file = fixture.get("/ui/ops-probe.json");
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(new String(file.body(), StandardCharsets.UTF_8)).contains("served from the jar");
            String etag = file.headers().firstValue("ETag").orElseThrow();
            assertThat(fixture.get("/ui/ops-probe.json", "If-None-Match", etag).statusCode()).isEqualTo(304);
            for (String path : List.of("/ui/.ops-probe.json", "/ui/no-such-file.js", "/ui/ops-probe.exe", "/ui/%2e%2e/ServerFixture.class")) {
                assertThat(fixture.get(path).statusCode()).as(path).isEqualTo(404);
            }
        }
    }

    private static double requests(Scrape scrape, String resource, String method, String status) {
        return scrape.value("alto_http_requests_total", "resource", resource, "method", method, "status", status).orElse(0);
    }
}
