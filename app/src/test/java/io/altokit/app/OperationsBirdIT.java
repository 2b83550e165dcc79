package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.server.ops.Scrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's view of a server fed by a real router (BIRD): on its admin listener, {@code /ready}
 * answers 503 until BIRD has sent End-of-RIB and 200 after; {@code /metrics} shows the session, the
 * routes and the served snapshot; every metric the Grafana dashboard queries is in that scrape.
 */
class OperationsBirdIT {
    private static final Path DASHBOARD = Path.of("..", "packaging", "grafana", "altokit-dashboard.json");
    /** A metric name in a PromQL expression: what is not a function, a keyword or a label. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:alto|jvm|process)_[a-zA-Z0-9_]+)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void installBird() throws Exception {
        Bird.require();
    }

    @Test
    void readyFlipsOnEndOfRibAndTheMetricsShowTheRouterAndEveryDashboardQuery(@TempDir Path dir) throws Exception {
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, dir.resolve("net.yaml"), dir.resolve("alto.log"), 2, AdminBgpNetwork::yaml,
                "--port", "0");
        URI directory = alto.directory();
        URI admin = URI.create("http://127.0.0.1:" + alto.ports()[1] + "/");

        HttpResponse<byte[]> waiting = get(admin.resolve("/ready"));
        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(waiting.body()).at("/checks/1/detail").asText())
                .isEqualTo("waiting for End-of-RIB from " + BgpSection.PEER_ADDRESS);
        assertThat(get(directory.resolve("/metrics")).statusCode()).as("not on the main listener").isEqualTo(404);

        started.add(Bird.start(dir, Bird.routerConfig(alto.ports()[0], """
                  route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };
                  route 10.13.0.0/16 blackhole;
                """)));

        eventually("/ready answers 200 once BIRD has sent End-of-RIB", Duration.ofSeconds(30))
                .until(() -> get(admin.resolve("/ready")).statusCode() == 200);
        JsonNode map = JSON.readTree(get(directory.resolve("/networkmap")).body());
        Scrape scrape = Scrape.of(get(admin.resolve("/metrics")).body());
        String peer = BgpSection.PEER_ADDRESS;
        assertThat(scrape.value("alto_bgp_session_state", "peer", peer, "state", "established")).hasValue(1);
        assertThat(scrape.value("alto_bgp_session_state", "peer", peer, "state", "idle")).hasValue(0);
        assertThat(scrape.value("alto_bgp_routes", "peer", peer)).as("two IPv4 routes and BIRD's IPv6 one").hasValue(3);
        assertThat(scrape.value("alto_bgp_end_of_rib", "peer", peer)).hasValue(1);
        assertThat(scrape.value("alto_bgp_last_update_age_seconds", "peer", peer)).isPresent();
        assertThat(scrape.value("alto_snapshot_info", "vtag", map.at("/meta/vtag/tag").asText())).hasValue(1);
        assertThat(scrape.value("alto_snapshot_build_seconds")).isPresent();
        assertThat(scrape.value("alto_http_requests_total", "resource", "default-network-map", "method", "GET", "status", "200"))
                .hasValue(1);

        Set<String> queried = dashboardMetrics();
        assertThat(queried).hasSizeGreaterThan(15);
        assertThat(queried).allSatisfy(metric -> assertThat(scrape.exposes(metric)).as(metric + " in a real scrape").isTrue());
    }

    /** Every metric name the dashboard's queries (and its variable) use. */
    private static Set<String> dashboardMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        JSON.readTree(DASHBOARD.toFile()).findValues("expr").forEach(expr -> add(names, expr.asText()));
        JSON.readTree(DASHBOARD.toFile()).findValues("definition").forEach(query -> add(names, query.asText()));
        return names;
    }

    private static void add(Set<String> names, String promql) {
        Matcher metric = METRIC.matcher(promql);
        while (metric.find()) {
            names.add(metric.group(1));
        }
    }

    private HttpResponse<byte[]> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
