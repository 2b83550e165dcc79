package io.altokit.app;

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
import java.time.Duration;
import java.util.HashSet;
import java.util.Arrays;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out as docs/operations.md describes it: three {@code alto serve} replicas, each with its own
 * BGP session to the same BIRD, behind HAProxy health-checking {@code /ready}. After a BGP change the
 * replicas serve the same new vtag within 2 s of each other; while one replica is killed and
 * restarted under a client load, no client request fails.
 */
class ReplicasHaproxyIT {
    private static final int REPLICAS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = """
            default-pid: external
            network-map:
              area-01: { ipv4: [10.1.0.0/16] }
            costs:
              routingcost:
                area-01: { area-01: 1, external: 50 }
                external: { area-01: 50, external: 1 }
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void installRouterAndLoadBalancer() throws Exception {
        Bird.require();
        SystemTools.requirePackage("haproxy", "HAProxy", "haproxy");
    }

    @Test
    void replicasAgreeOnVtagsAndAKilledReplicaCostsNoRequest(@TempDir Path dir) throws Exception {
        int[] httpPorts = new int[REPLICAS];
        int[] bgpPorts = new int[REPLICAS];
        Process[] replicas = new Process[REPLICAS];
        for (int i = 0; i < REPLICAS; i++) {
            // Its HTTP port is in its file, as the balancer knows it: a restarted replica listens there again.
            AltoJar.Served replica = AltoJar.serveOnFreePorts(started, config(dir, i), dir.resolve("replica-" + i + ".first.log"),
                    2, ports -> NETWORK + "server: { port: %d }\n".formatted(ports[0])
                            + BgpSection.listeningOn(ports[1]).holdTime(3).rule("{ community: \"65000:101\", pid: area-01 }").yaml(),
                    "--no-access-log");
            replicas[i] = replica.process();
            httpPorts[i] = replica.ports()[0];
            bgpPorts[i] = replica.ports()[1];
        }
        Bird bird = started.add(Bird.start(dir, routers(bgpPorts, "route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };\n")));
        int balancerPort = FreePorts.one();
        started.add(haproxy(dir, balancerPort, httpPorts));
        URI balanced = URI.create("http://127.0.0.1:" + balancerPort + "/networkmap");
        eventually("every replica ready and HAProxy answering", Duration.ofSeconds(60)).until(() ->
                allReady(httpPorts) && status(balanced) == 200);
        String before = vtag(replicaUri(httpPorts[0]));
        eventually("the replicas agree", Duration.ofSeconds(10)).until(() -> vtags(httpPorts).equals(Set.of(before)));

        // A BGP change: BIRD announces one more prefix to all three sessions at once.
        long changed = System.nanoTime();
        bird.configure(routers(bgpPorts, """
                  route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };
                  route 10.12.0.0/16 blackhole { bgp_community.add((65000,101)); };
                """));
        long[] changedAt = new long[REPLICAS];
        eventually("every replica serves the changed map", Duration.ofSeconds(30)).until(() -> {
            for (int i = 0; i < REPLICAS; i++) {
                if (changedAt[i] == 0 && !vtag(replicaUri(httpPorts[i])).equals(before)) {
                    changedAt[i] = System.nanoTime();
                }
            }
            return changedAt[0] != 0 && changedAt[1] != 0 && changedAt[2] != 0;
        });
        assertThat(vtags(httpPorts)).as("one vtag on every replica").hasSize(1).doesNotContain(before);
        long spread = Arrays.stream(changedAt).max().orElseThrow() - Arrays.stream(changedAt).min().orElseThrow();
        assertThat(Duration.ofNanos(spread)).as("from the first replica's new vtag to the last's").isLessThan(Duration.ofSeconds(2));

        // Kill replica 1 under load, start it again, wait until it is back in HAProxy's rotation.
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            while (loading.get() && sent.get() < 200_000) {
                int status = status(balanced);
                sent.incrementAndGet();
                if (status != 200) {
                    failures.add(status < 0 ? "no answer" : "status " + status);
                }
            }
        });
        eventually("load running", Duration.ofSeconds(10)).until(() -> sent.get() > 50);
        replicas[1].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        int sentWhenKilled = sent.get();
        Path restartLog = dir.resolve("replica-1.restarted.log");
        AltoJar.awaitReady(started.add(AltoJar.start(restartLog, "serve", "--config", config(dir, 1).toString(), "--no-access-log")),
                restartLog);
        eventually("the restarted replica ready again", Duration.ofSeconds(60)).until(() -> allReady(httpPorts));
        eventually("more load after the restart", Duration.ofSeconds(30)).until(() -> sent.get() > sentWhenKilled + 200);
        loading.set(false);
        load.get(30, TimeUnit.SECONDS);

        System.out.printf("replicas: last replica on the new vtag %d ms after the BGP change, spread %d ms; "
                        + "%d requests through HAProxy while a replica was killed and restarted, %d failed%n",
                TimeUnit.NANOSECONDS.toMillis(Arrays.stream(changedAt).max().orElseThrow() - changed),
                TimeUnit.NANOSECONDS.toMillis(spread), sent.get(), failures.size());
        assertThat(failures).as("failed requests out of " + sent.get()).isEmpty();
        assertThat(vtags(httpPorts)).as("the restarted replica serves the same map").hasSize(1);
    }

    private static Path config(Path dir, int replica) {
        return dir.resolve("replica-" + replica + ".yaml");
    }

    /** BIRD with one BGP session per replica, all exporting the same routes. */
    private static String routers(int[] bgpPorts, String ipv4Routes) {
        String single = Bird.routerConfig(bgpPorts[0], ipv4Routes);
        String session = single.substring(single.indexOf("protocol bgp alto {"));
        StringBuilder config = new StringBuilder(single);
        for (int i = 1; i < bgpPorts.length; i++) {
            config.append(session.replace("protocol bgp alto {", "protocol bgp alto" + i + " {")
                    .replace("port " + bgpPorts[0] + " ", "port " + bgpPorts[i] + " "));
        }
        return config.toString();
    }

    private static Process haproxy(Path dir, int port, int[] replicaPorts) throws Exception {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < replicaPorts.length; i++) {
            servers.append("    server r").append(i).append(" 127.0.0.1:").append(replicaPorts[i])
                    .append(" check inter 200ms fall 1 rise 2\n");
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response response-timeout
                frontend alto
                    bind 127.0.0.1:%d
                    default_backend replicas
                backend replicas
                    option httpchk GET /ready
                    http-check expect status 200
                %s""".formatted(port, servers));
        Process haproxy = new ProcessBuilder("haproxy", "-f", config.toString(), "-db").redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        assertThat(haproxy.isAlive()).as("haproxy started; see " + dir.resolve("haproxy.log")).isTrue();
        return haproxy;
    }

    private static URI replicaUri(int port) {
        return URI.create("http://127.0.0.1:" + port + "/networkmap");
    }

    private boolean allReady(int[] ports) {
        for (int port : ports) {
            if (status(URI.create("http://127.0.0.1:" + port + "/ready")) != 200) {
                return false;
            }
        }
        return true;
    }

    private Set<String> vtags(int[] ports) throws Exception {
        Set<String> tags = new HashSet<>();
        for (int port : ports) {
            tags.add(vtag(replicaUri(port)));
        }
        return tags;
    }

    private String vtag(URI networkMap) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(networkMap).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(response.body()).at("/meta/vtag/tag").asText();
    }

    /** The status, or -1 when the request failed outright. */
    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
