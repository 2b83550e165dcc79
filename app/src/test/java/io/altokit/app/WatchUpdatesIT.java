package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.altokit.app.ServedNetwork.pidPrefixes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end, a client that follows the maps instead of polling them: {@code alto query watch}
 * subscribed to a real server fed by a real router (BIRD) and a network file. The map the client
 * holds, built only from the full state and the patches it received, follows the router's
 * announcements and withdrawals and the file's edits, and equals a fresh GET after every change.
 */
class WatchUpdatesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK_MAP = "default-network-map";
    private static final int AREAS = 4;
    private static final int PREFIXES = 12;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void installBird() throws Exception {
        Bird.require();
    }

    @Test
    void theWatchedNetworkMapFollowsTheRoutersAnnouncementsAndWithdrawals(@TempDir Path dir) throws Exception {
        AltoJar.Served alto = serve(dir, new int[AREAS][AREAS]);
        int bgpPort = alto.ports()[0];
        URI directory = alto.directory();
        Bird bird = started.add(Bird.start(dir, Bird.routerConfig(bgpPort, route(11, 1))));
        WatchProcess watch = started.add(WatchProcess.start(directory, dir.resolve("watch.log"), NETWORK_MAP));

        watch.await(NETWORK_MAP, map -> pidPrefixes(map, "area-01", "ipv4").contains("10.11.0.0/16"), "10.11/16 in area-01");

        bird.configure(Bird.routerConfig(bgpPort, route(11, 1) + route(12, 2)));
        watch.await(NETWORK_MAP, map -> pidPrefixes(map, "area-02", "ipv4").contains("10.12.0.0/16"), "10.12/16 announced");

        bird.configure(Bird.routerConfig(bgpPort, route(12, 2)));
        JsonNode held = watch.await(NETWORK_MAP, map -> !pidPrefixes(map, "area-01", "ipv4").contains("10.11.0.0/16"),
                "10.11/16 withdrawn");

        assertThat(pidPrefixes(held, "area-01", "ipv4")).containsExactly("10.1.0.0/16");
        assertThat(held).isEqualTo(get(directory, NETWORK_MAP));
        assertThat(watch.kinds.getFirst()).isEqualTo("full");
        assertThat(watch.kinds).as("changes came as patches").anyMatch(kind -> kind.endsWith("patch"));
    }

    @Test
    void aClientApplyingEveryPatchOf200FileAndBgpChangesHoldsWhatAFreshGetReturns(@TempDir Path dir) throws Exception {
        Random random = new Random(Long.getLong("watch.seed", 20261203L));
        int[][] costs = new int[AREAS][AREAS];
        AltoJar.Served alto = serve(dir, costs);
        int bgpPort = alto.ports()[0];
        URI directory = alto.directory();
        String costMap = costMapId(directory);
        // per prefix 10.(100+i).0.0/16: 0 = not announced, else the area its community puts it in
        int[] announced = new int[PREFIXES];
        Bird bird = started.add(Bird.start(dir, Bird.routerConfig(bgpPort, routes(announced))));
        WatchProcess watch = started.add(WatchProcess.start(directory, dir.resolve("watch.log"), NETWORK_MAP, costMap));
        watch.await(costMap, map -> map.has("cost-map"), "the full cost map");

        for (int change = 0; change < 200; change++) {
            if (random.nextInt(5) < 2) {
                int from = random.nextInt(AREAS);
                int to = random.nextInt(AREAS);
                int cost = 1 + random.nextInt(99);
                costs[from][to] = cost;
                write(dir.resolve("net.yaml"), networkFile(bgpPort, costs));
                String cell = "/cost-map/" + area(from + 1) + "/" + area(to + 1);
                watch.await(costMap, map -> map.at(cell).asInt() == cost, "change " + change + ": " + cell + " = " + cost);
            } else {
                int prefix = random.nextInt(PREFIXES);
                int area = random.nextInt(AREAS + 1);
                announced[prefix] = area;
                bird.configure(Bird.routerConfig(bgpPort, routes(announced)));
                String text = "10." + (100 + prefix) + ".0.0/16";
                watch.await(NETWORK_MAP, map -> IntStream.rangeClosed(1, AREAS).allMatch(a ->
                                pidPrefixes(map, area(a), "ipv4").contains(text) == (a == area)),
                        "change " + change + ": " + text + (area == 0 ? " withdrawn" : " in " + area(area)));
            }
        }

        assertThat(watch.latest(NETWORK_MAP)).isEqualTo(get(directory, NETWORK_MAP));
        assertThat(watch.latest(costMap)).isEqualTo(get(directory, costMap));
        assertThat(watch.kinds.stream().filter(kind -> kind.endsWith("patch")).count())
                .as("most changes came as patches: " + watch.kinds.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting())))
                .isGreaterThan(100);
    }

    /** The server of the network file with these costs, its BGP listener on a free port. */
    private AltoJar.Served serve(Path dir, int[][] costs) throws Exception {
        return AltoJar.serveOnFreePorts(started, dir.resolve("net.yaml"), dir.resolve("alto.log"), 1,
                ports -> networkFile(ports[0], costs), "--port", "0");
    }

    /** Areas 1..4 with their own /16 each; the routing costs given (0: the default); BGP communities 65000:10N place routes in area N. */
    private static String networkFile(int bgpPort, int[][] costs) {
        StringBuilder file = new StringBuilder("default-pid: external\nnetwork-map:\n");
        for (int a = 1; a <= AREAS; a++) {
            file.append("  ").append(area(a)).append(": { ipv4: [10.").append(a).append(".0.0/16] }\n");
        }
        file.append("costs:\n  routingcost:\n");
        for (int a = 1; a <= AREAS; a++) {
            int from = a;
            file.append("    ").append(area(a)).append(": { ").append(IntStream.rangeClosed(1, AREAS)
                    .mapToObj(b -> area(b) + ": " + (costs[from - 1][b - 1] > 0 ? costs[from - 1][b - 1] : from == b ? 1 : 10))
                    .collect(Collectors.joining(", "))).append(", external: 50 }\n");
        }
        file.append("    external: { ").append(IntStream.rangeClosed(1, AREAS).mapToObj(b -> area(b) + ": 50")
                .collect(Collectors.joining(", "))).append(", external: 1 }\n");
        BgpSection bgp = BgpSection.listeningOn(bgpPort).holdTime(3).debounce("50ms");
        for (int a = 1; a <= AREAS; a++) {
            bgp.rule("{ community: \"65000:" + (100 + a) + "\", pid: " + area(a) + " }");
        }
        return file.append(bgp.yaml()).toString();
    }

    private static String area(int n) {
        return "area-0" + n;
    }

    /** A static route of 10.{@code octet}.0.0/16 in area {@code area} (by community). */
    private static String route(int octet, int area) {
        return "  route 10." + octet + ".0.0/16 blackhole { bgp_community.add((65000," + (100 + area) + ")); };\n";
    }

    private static String routes(int[] announced) {
        return IntStream.range(0, announced.length).filter(i -> announced[i] > 0)
                .mapToObj(i -> route(100 + i, announced[i])).collect(Collectors.joining());
    }

    /** Replaces the file by rename, as an operator's deployment would, so the server never reads half of it. */
    private static void write(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String costMapId(URI directory) throws Exception {
        JsonNode resources = JSON.readTree(getText(directory)).path("resources");
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("media-type").asText().equals("application/alto-costmap+json")
                    && !entry.getValue().has("accepts")
                    && entry.getValue().path("capabilities").path("cost-type-names").toString().contains("\"num-routingcost\"")) {
                ids.add(entry.getKey());
            }
        });
        assertThat(ids).as("a numerical routingcost map in " + resources.fieldNames()).isNotEmpty();
        return ids.getFirst();
    }

    /** A fresh GET of a resource listed in the directory, as the server encodes it. */
    private JsonNode get(URI directory, String resourceId) throws Exception {
        String uri = JSON.readTree(getText(directory)).path("resources").path(resourceId).path("uri").asText();
        return JSON.readTree(getText(directory.resolve(uri)));
    }

    private String getText(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
