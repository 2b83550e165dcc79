package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alto rank} and {@code alto query} against {@code alto serve}, all as the packaged jar. */
class ClientCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();
    @TempDir
    Path logs;

    @Test
    void ranksPeersOfTheExampleNetworkInBothModes() throws Exception {
        Path log = logs.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--port", "0");
        started.add(server);
        URI directory = AltoJar.awaitReady(server, log);
        for (String mode : List.of("ecs", "map")) {
            JsonNode ranking = rank("--server", directory.toString(), "--mode", mode, "--json", "--seed", "7",
                    "--random-share", "0", "--source", "10.1.2.3", "198.51.100.1", "10.14.0.1", "10.1.9.9", "2001:db8:7::1");
            assertThat(ranking.get("status").asText()).as(mode).isEqualTo("OK");
            List<String> order = new ArrayList<>();
            ranking.get("peers").forEach(peer -> order.add(peer.get("address").asText()));
            assertThat(order).as(mode + ": same area first, outside the ISP last")
                    .startsWith("10.1.9.9").endsWith("198.51.100.1");
            assertThat(ranking.at("/peers/0/rank").asInt()).isEqualTo(1);
            assertThat(ranking.at("/peers/0/random").asBoolean()).isFalse();
        }
        JsonNode mixed = rank("--server", directory.toString(), "--json", "--source", "10.1.2.3",
                "10.2.0.1", "10.3.0.1", "10.4.0.1", "10.5.0.1", "10.6.0.1", "10.7.0.1", "10.8.0.1", "10.9.0.1", "10.10.0.1", "10.11.0.1");
        int random = 0;
        for (JsonNode peer : mixed.get("peers")) {
            random += peer.get("random").asBoolean() ? 1 : 0;
        }
        assertThat(random).as("the default 20 % random share of 10 peers").isEqualTo(2);
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutAServerThePeersComeBackUnranked() throws Exception {
        int closed = started.add(FreePorts.refusing()).port();
        // Exit status 1: no guidance (docs/client.md); the candidates are printed all the same.
        JsonNode ranking = alto(1, "rank", "--server", "http://127.0.0.1:" + closed + "/directory", "--json", "--timeout", "PT1S",
                "--source", "10.1.2.3", "10.2.0.1", "10.1.0.1");
        assertThat(ranking.get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(ranking.get("reason").asText()).isNotBlank();
        assertThat(ranking.at("/peers/0/address").asText()).as("order as given").isEqualTo("10.2.0.1");
        assertThat(ranking.at("/peers/0/cost").isNull()).isTrue();
    }

    @Test
    void queryPrintsTheServersAnswers() throws Exception {
        Path log = logs.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--port", "0");
        started.add(server);
        String directory = AltoJar.awaitReady(server, log).toString();
        assertThat(alto(0, "query", "--server", directory, "ird").at("/resources/endpoint-cost/uri").asText())
                .isEqualTo("/endpointcost/lookup");
        assertThat(alto(0, "query", "--server", directory, "networkmap").at("/network-map/area-01/ipv4/0").asText())
                .isEqualTo("10.1.0.0/16");
        assertThat(alto(0, "query", "--server", directory, "costmap", "--metric", "hopcount").at("/cost-map/area-01/area-01").asInt())
                .isZero();
        assertThat(alto(0, "query", "--server", directory, "ecs", "--mode", "ordinal", "--source", "10.1.2.3", "10.1.9.9", "10.14.0.1")
                .at("/endpoint-cost-map/ipv4:10.1.2.3/ipv4:10.1.9.9").asInt()).isEqualTo(1);
        assertThat(alto(0, "query", "--server", directory, "eps", "2001:db8:7::1")
                .at("/endpoint-properties/ipv6:2001:db8:7::1/default-network-map.pid").asText()).isEqualTo("area-07");
        JsonNode multi = alto(0, "query", "--server", directory, "multicost", "--metric", "delay-rt", "--metric", "hopcount",
                "--or-constraint", "[0] lt 4000", "--or-constraint", "[1] le 1", "--src-pid", "area-01");
        assertThat(multi.at("/meta/multi-cost-types/1/cost-metric").asText()).isEqualTo("hopcount");
        assertThat(multi.at("/cost-map/area-01/area-03").toString()).as("3 ms, 1 hop").isEqualTo("[3000,1]");
        assertThat(multi.at("/cost-map/area-01").has("area-02")).as("5.3 ms, 2 hops").isFalse();
        assertThat(alto(0, "query", "--server", directory, "multicost", "--metric", "routingcost", "--metric", "hopcount",
                "--constraint", "[1] le 1", "--source", "10.1.2.3", "10.3.0.1", "10.2.0.1")
                .at("/endpoint-cost-map/ipv4:10.1.2.3").toString()).isEqualTo("{\"ipv4:10.3.0.1\":[5,1]}");
        assertThat(alto(2, "query", "--server", directory, "multicost", "--metric", "hopcount", "--constraint", "[1] le 1")).isNull();
        assertThat(alto(1, "query", "--server", directory, "costmap", "--metric", "nosuch")).isNull();
        assertThat(alto(2, "query", "--server", directory, "eps", "10.1.2")).isNull();
        JsonNode properties = alto(0, "query", "--server", directory, "props").get("property-map");
        assertThat(properties.get("ipv4:100.70.0.0/16").get(".priv:area-name").asText()).isEqualTo("Gdansk");
        assertThat(properties.get("default-network-map.pid:area-06").get(".priv:geo").asText()).isEqualTo("54.3520 18.6466");
        JsonNode filtered = alto(0, "query", "--server", directory, "props", "10.6.1.2", "default-network-map.pid:area-01")
                .get("property-map");
        assertThat(filtered.get("ipv4:10.6.1.2").get("default-network-map.pid").asText()).isEqualTo("area-06");
        assertThat(filtered.get("default-network-map.pid:area-01").get(".priv:area-name").asText()).isEqualTo("Warszawa");
        assertThat(alto(0, "query", "--server", directory, "props", "--property", ".priv:area-name", "2001:db8:9::1")
                .at("/property-map").toString()).isEqualTo("{\"ipv6:2001:db8:9::1\":{\".priv:area-name\":\"Lublin\"}}");
        assertThat(alto(1, "query", "--server", directory, "props", "--property", ".priv:asn", "10.6.1.2")).isNull();
        assertThat(alto(2, "query", "--server", directory, "props", "--property", ".priv:area-name")).isNull();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private JsonNode rank(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rank"));
        command.addAll(List.of(args));
        return alto(0, command.toArray(String[]::new));
    }

    /** Runs the jar; expects the exit status; the JSON it printed, or null when it printed nothing. */
    private JsonNode alto(int expectedStatus, String... args) throws Exception {
        Process process = AltoJar.processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isEqualTo(expectedStatus);
        return output.isBlank() ? null : JSON.readTree(output);
    }
}
