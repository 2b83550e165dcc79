package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alto rank} against {@code alto serve}, both as the packaged jar. */
class RankCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void ranksPeersOfTheExampleNetworkInBothModes() throws Exception {
        Process server = new ProcessBuilder(AltoJar.command("serve", "--port", "0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(server);
        URI directory = AltoJar.awaitReady(server);
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
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        JsonNode ranking = rank("--server", "http://127.0.0.1:" + closed + "/directory", "--json", "--timeout", "PT1S",
                "--source", "10.1.2.3", "10.2.0.1", "10.1.0.1");
        assertThat(ranking.get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(ranking.get("reason").asText()).isNotBlank();
        assertThat(ranking.at("/peers/0/address").asText()).as("order as given").isEqualTo("10.2.0.1");
        assertThat(ranking.at("/peers/0/cost").isNull()).isTrue();
    }

    private JsonNode rank(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rank"));
        command.addAll(List.of(args));
        Process rank = new ProcessBuilder(AltoJar.command(command.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(rank);
        assertThat(rank.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(rank.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rank.exitValue()).as(output).isZero();
        return JSON.readTree(output);
    }
}
