package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: the packaged jar as a real process, queried over HTTP, stopped with SIGTERM. */
class ServeCommandIT {
    private static final Path JAR = AltoJar.JAR;
    private static final String JAVA = AltoJar.JAVA;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();
    /** The standard error of each process {@link #launch} started. */
    private final Map<Process, Path> stderr = new HashMap<>();
    @TempDir
    Path logs;

    private Process launch(String... args) throws IOException {
        Path log = logs.resolve("alto-" + (stderr.size() + 1) + ".log");
        Process process = AltoJar.start(log, args);
        started.add(process);
        stderr.put(process, log);
        return process;
    }

    private URI awaitReady(Process process) throws Exception {
        return AltoJar.awaitReady(process, stderr.get(process));
    }

    private HttpResponse<String> post(URI uri, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheEmbeddedExampleNetworkAndStopsCleanlyOnSigterm() throws Exception {
        Process server = launch("serve", "--port", "0");
        URI directory = awaitReady(server);

        JsonNode ird = JSON.readTree(http.send(HttpRequest.newBuilder(directory).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(ird.at("/resources/endpoint-cost/uri").asText()).isEqualTo("/endpointcost/lookup");

        JsonNode map = JSON.readTree(http.send(HttpRequest.newBuilder(directory.resolve("/networkmap")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> pids = new ArrayList<>();
        map.get("network-map").fieldNames().forEachRemaining(pids::add);
        assertThat(pids).hasSize(15).contains("area-01", "area-14", "external");

        HttpResponse<String> costs = post(directory.resolve("/endpointcost/lookup"),
                "application/alto-endpointcostparams+json", """
                {"cost-type": {"cost-mode": "ordinal", "cost-metric": "routingcost"},
                 "endpoints": {"srcs": ["ipv4:10.1.2.3"], "dsts": ["ipv4:10.1.9.9", "ipv4:10.14.0.1", "ipv6:2001:db8:7::1", "ipv4:198.51.100.1"]}}""");
        assertThat(costs.statusCode()).isEqualTo(200);
        JsonNode row = JSON.readTree(costs.body()).at("/endpoint-cost-map/ipv4:10.1.2.3");
        assertThat(row.get("ipv4:10.1.9.9").asInt()).as("same area ranks first").isEqualTo(1);
        assertThat(row.get("ipv4:198.51.100.1").asInt()).as("external ranks last")
                .isGreaterThan(row.get("ipv4:10.14.0.1").asInt());

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stops within the grace period").isTrue();
        assertThat(server.exitValue()).isZero();
    }

    @Test
    void jsonLogFormatWritesOneJsonObjectPerLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("stderr.log");
        Process server = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "--log-format", "json", "serve", "--port", "0")
                .redirectError(log.toFile()).start();
        started.add(server);
        URI directory = AltoJar.awaitReady(server, log);
        http.send(HttpRequest.newBuilder(directory).build(), HttpResponse.BodyHandlers.discarding());
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("WARNING:")) {
                continue; // the JVM's own warnings, not ours
            }
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("loggerName").asText()).isEqualTo("io.altokit.access");
            assertThat(line.toString()).contains("\"status\"").contains("/directory");
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.get("formattedMessage").asText()).contains("ALTO server stopped"));
        assertThat(lines).as("key-value pairs as flat fields").noneSatisfy(line -> assertThat(line.has("kvpList")).isTrue())
                .anySatisfy(line -> assertThat(line.path("status").isInt()).isTrue());
    }

    @Test
    void textLogFormatIsOneReadableLinePerEvent(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("stderr.log");
        Process server = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "serve", "--port", "0")
                .redirectError(log.toFile()).start();
        started.add(server);
        AltoJar.awaitReady(server, log);
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> ours = Files.readAllLines(log).stream().filter(line -> !line.startsWith("WARNING:")).toList();
        assertThat(ours).as("no logging-framework chatter, only our events").isNotEmpty()
                .allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO|WARN|ERROR|DEBUG) .*"));
        assertThat(ours).anyMatch(line -> line.contains("ALTO server listening on 127.0.0.1:"));
    }

    @Test
    void servesAConfigFileAndRejectsABrokenOne(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("net.yaml");
        Files.copy(Path.of("..", "examples", "minimal.yaml"), config);
        Process server = launch("serve", "--config", config.toString(), "--port", "0", "--bind", "127.0.0.1");
        URI directory = awaitReady(server);
        HttpResponse<String> costs = post(directory.resolve("/endpointcost/lookup"),
                "application/alto-endpointcostparams+json", """
                {"cost-type": {"cost-mode": "numerical", "cost-metric": "hopcount"},
                 "endpoints": {"srcs": ["ipv6:2001:db8:1::1"], "dsts": ["ipv4:10.2.3.4"]}}""");
        assertThat(JSON.readTree(costs.body()).at("/endpoint-cost-map/ipv6:2001:db8:1::1/ipv4:10.2.3.4").asInt()).isEqualTo(3);
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();

        Files.writeString(config, """
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                costs:
                  routingcost:
                    area-01: { area-09: 1 }
                """);
        Process broken = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "serve", "--config", config.toString(),
                "--port", "0").redirectErrorStream(true).start();
        started.add(broken);
        assertThat(broken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(broken.exitValue()).isEqualTo(2);
        assertThat(output).contains(config.toString()).contains("area-09").doesNotContain("Exception");
    }

    @Test
    void servesTheRatedExampleAndNamesTheCellOfABrokenPoolFile(@TempDir Path dir) throws Exception {
        Process server = launch("serve", "--config", Path.of("..", "examples", "rated", "network.yaml").toString(), "--port", "0");
        URI directory = awaitReady(server);
        JsonNode ird = JSON.readTree(http.send(HttpRequest.newBuilder(directory).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> costTypes = new ArrayList<>();
        ird.at("/meta/cost-types").fieldNames().forEachRemaining(costTypes::add);
        assertThat(costTypes).contains("num-routingcost", "num-delay-rt", "num-hopcount", "num-priv:distance-km",
                "num-priv:monetary-per-gb", "ord-priv:utilization");
        HttpResponse<String> costs = post(directory.resolve("/endpointcost/lookup"),
                "application/alto-endpointcostparams+json", """
                {"cost-type": {"cost-mode": "ordinal", "cost-metric": "routingcost"},
                 "endpoints": {"srcs": ["ipv4:10.2.0.1"], "dsts": ["ipv4:10.2.0.2", "ipv4:10.1.0.1", "ipv4:10.5.0.1", "ipv4:198.51.100.1"]}}""");
        JsonNode row = JSON.readTree(costs.body()).at("/endpoint-cost-map/ipv4:10.2.0.1");
        assertThat(row.get("ipv4:10.2.0.2").asInt()).as("same area").isEqualTo(1);
        assertThat(row.get("ipv4:10.5.0.1").asInt()).as("Poznan, over idle links").isEqualTo(2);
        assertThat(row.get("ipv4:10.1.0.1").asInt()).as("Warszawa, nearer but over a loaded link").isEqualTo(3);
        assertThat(row.get("ipv4:198.51.100.1").asInt()).as("external").isEqualTo(4);
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();

        Files.writeString(dir.resolve("rtt.csv"), ",area-01,area-02\narea-01,1,\narea-02,4,1\n");
        Path config = Files.writeString(dir.resolve("net.yaml"), """
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                  area-02: { ipv4: [10.2.0.0/16] }
                resource-pools:
                  rtt: rtt.csv
                """);
        Process broken = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "serve", "--config", config.toString(),
                "--port", "0").redirectErrorStream(true).start();
        started.add(broken);
        assertThat(broken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(broken.exitValue()).isEqualTo(2);
        assertThat(output).contains(dir.resolve("rtt.csv") + ": row area-01 (line 2), column area-02: missing value")
                .doesNotContain("Exception");
    }
}
