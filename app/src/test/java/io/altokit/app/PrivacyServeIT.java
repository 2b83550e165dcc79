package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: {@code alto serve} with a privacy section in its YAML file, queried over HTTP. */
class PrivacyServeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECS_PARAMS = "application/alto-endpointcostparams+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    /** Runs {@code alto rank} from the jar; its --json output. */
    private JsonNode rankJson(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rank"));
        command.addAll(List.of(args));
        Process process = AltoJar.processBuilder(command.toArray(String[]::new))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return JSON.readTree(process.getInputStream().readAllBytes());
    }

    @Test
    void ordinalOnlyAggregatedMapsAndAnEndpointBudgetFromTheYamlFile(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("net.yaml"), """
                network-map:
                  area-01: { ipv4: [10.1.0.0/17, 10.1.128.0/17], ipv6: ["2001:db8:1::/48"] }
                  area-02: { ipv4: [10.2.0.0/16] }
                costs:
                  routingcost:
                    area-01: { area-01: 1, area-02: 10 }
                    area-02: { area-01: 10, area-02: 1 }
                privacy:
                  mode: ordinal-only
                  aggregate-prefixes: true
                  endpoint-budget: { distinct-endpoints: 20, window: 1h }
                """);
        Path log = dir.resolve("stderr.log");
        Process server = AltoJar.start(log, "serve", "--config", config.toString(), "--port", "0");
        started.add(server);
        URI directory = AltoJar.awaitReady(server, log);

        JsonNode ird = JSON.readTree(get(directory).body());
        assertThat(ird.at("/meta/cost-types").propertyStream().map(type -> type.getValue().get("cost-mode").asText()))
                .containsOnly("ordinal");
        assertThat(get(directory.resolve("/costmap/num-routingcost")).statusCode()).isEqualTo(403);
        assertThat(post(directory, "numerical", List.of("ipv4:10.2.0.1")).statusCode()).isEqualTo(400);

        // A client ranks with the ordinal costs it is offered (map mode: the endpoint budget stays untouched).
        JsonNode ranked = rankJson("--server", directory.toString(), "--mode", "map", "--cost-mode", "ordinal",
                "--random-share", "0", "--json", "--source", "10.1.0.5", "10.2.0.1", "10.1.0.9");
        assertThat(ranked.get("status").asText()).isEqualTo("OK");
        assertThat(ranked.at("/peers/0/address").asText()).isEqualTo("10.1.0.9");
        assertThat(rankJson("--server", directory.toString(), "--mode", "map", "--cost-mode", "numerical", "--json", "--source",
                "10.1.0.5", "10.2.0.1").get("status").asText()).as("numerical costs are not offered").isNotEqualTo("OK");
        // Without --cost-mode the client takes what the directory offers; insisting on numerical exits 1 with the hint.
        assertThat(rankJson("--server", directory.toString(), "--strategy", "map", "--json", "--source", "10.1.0.5",
                "10.2.0.1").get("status").asText()).as("ordinal chosen from the directory").isEqualTo("OK");
        Process insisting = AltoJar.processBuilder("rank", "--server", directory.toString(), "--strategy", "map",
                "--cost-mode", "numerical", "--source", "10.1.0.5", "10.2.0.1").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(insisting);
        assertThat(insisting.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(insisting.exitValue()).isEqualTo(1);
        assertThat(new String(insisting.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("alto rank: the server offers the maps with ordinal routingcost: try --cost-mode ordinal");

        JsonNode map = JSON.readTree(get(directory.resolve("/networkmap")).body());
        assertThat(map.at("/network-map/area-01/ipv4").valueStream().map(JsonNode::asText)).containsExactly("10.1.0.0/16");

        // 1 source + 19 destinations fill the budget; one more new destination is refused.
        List<String> scan = IntStream.range(0, 20).mapToObj(i -> "ipv4:10.2." + i + ".1").toList();
        HttpResponse<String> answered = post(directory, "ordinal", scan.subList(0, 19));
        assertThat(answered.statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post(directory, "ordinal", scan);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(refused.body()).at("/meta/code").asText()).isEqualTo("E_FORBIDDEN");

        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("possible topology scan by address:127.0.0.1");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI directory, String mode, List<String> dsts) throws Exception {
        String body = "{\"cost-type\": {\"cost-mode\": \"" + mode + "\", \"cost-metric\": \"routingcost\"}, "
                + "\"endpoints\": {\"srcs\": [\"ipv4:10.1.0.1\"], \"dsts\": "
                + dsts.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(", ", "[", "]")) + "}}";
        return http.send(HttpRequest.newBuilder(directory.resolve("/endpointcost/lookup")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", ECS_PARAMS).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
