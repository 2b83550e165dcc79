package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.altokit.app.ServedNetwork.pidPrefixes;
import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Interoperability with a second BGP implementation: GoBGP (gobgpd) connects actively from 127.0.0.2
 * with a 4-octet AS to the server's passive listener, and routes added and deleted with the gobgp
 * CLI (IPv4 in the NLRI field, IPv6 in MP_REACH/MP_UNREACH_NLRI; communities, large communities,
 * an AS path) show up in the served network map and the endpoint cost ranking. GoBGP then restarts
 * gracefully: End-of-RIB in both directions (GoBGP sends it only to peers advertising graceful
 * restart, and waits for the server's before sending its routes) ends the stale routes early.
 */
class BgpGoBgpIT {
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    /** Needs the 4-octet AS capability: GoBGP puts AS_TRANS in the OPEN's 2-octet field. */
    private static final long GOBGP_AS = 4_200_000_002L;

    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();
    private Process gobgpd;
    private int apiPort;

    @BeforeAll
    static void installGoBgp() throws Exception {
        SystemTools.requirePackage("gobgpd", "GoBGP", "gobgpd", "gobgp");
    }

    @Test
    void servedMapFollowsRoutesAddedAndDeletedInGoBgp(@TempDir Path dir) throws Exception {
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, dir.resolve("net.yaml"), dir.resolve("alto.log"), 1, ports -> """
                default-pid: external
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                  area-02: { ipv4: [10.2.0.0/16] }
                  area-03: { ipv4: [10.3.0.0/16] }
                costs:
                  routingcost:
                    area-01: { area-01: 1, area-02: 10, area-03: 20, external: 50 }
                    area-02: { area-01: 10, area-02: 1, area-03: 20, external: 50 }
                    area-03: { area-01: 20, area-02: 20, area-03: 1, external: 50 }
                    external: { area-01: 50, area-02: 50, area-03: 50, external: 1 }
                """ + BgpSection.listeningOn(ports[0]).peerAs(GOBGP_AS).holdTime(9).gracePeriod("60s")
                .rule("{ community: \"65000:101\", pid: area-01 }")
                .rule("{ large-community: \"65000:1:102\", pid: area-02 }")
                .rule("{ origin-as: 65010, pid: area-03 }").yaml(), "--port", "0");
        Process server = alto.process();
        int bgpPort = alto.ports()[0];
        ServedNetwork served = new ServedNetwork(alto.directory());

        startGoBgp(dir, bgpPort);
        awaitApi();
        awaitEstablished();

        gobgp("global", "rib", "add", "10.21.0.0/16", "community", "65000:101");
        gobgp("global", "rib", "add", "10.22.0.0/16", "large-community", "65000:1:102");
        gobgp("global", "rib", "add", "10.23.0.0/16");
        gobgp("global", "rib", "add", "10.24.0.0/16", "aspath", "65010");
        gobgp("global", "rib", "add", "-a", "ipv6", "2001:db8:21::/48", "community", "65000:101");
        gobgp("global", "rib", "add", "-a", "ipv6", "2001:db8:22::/48", "nexthop", "2001:db8::2",
                "large-community", "65000:1:102");

        JsonNode map = served.awaitMap(m -> pidPrefixes(m, "area-02", "ipv6").contains("2001:db8:22::/48")
                && pidPrefixes(m, "area-01", "ipv6").contains("2001:db8:21::/48")
                && pidPrefixes(m, "area-03", "ipv4").contains("10.24.0.0/16")
                && pidPrefixes(m, "external", "ipv4").contains("10.23.0.0/16"));
        assertThat(pidPrefixes(map, "area-01", "ipv4")).containsExactly("10.1.0.0/16", "10.21.0.0/16");
        assertThat(pidPrefixes(map, "area-02", "ipv4")).containsExactly("10.2.0.0/16", "10.22.0.0/16");
        assertThat(pidPrefixes(map, "area-03", "ipv4")).as("origin AS 65010 behind GoBGP's 4-octet AS")
                .containsExactly("10.3.0.0/16", "10.24.0.0/16");
        assertThat(pidPrefixes(map, "area-01", "ipv6")).containsExactly("2001:db8:21::/48");
        assertThat(pidPrefixes(map, "area-02", "ipv6")).containsExactly("2001:db8:22::/48");
        assertThat(served.ranks("ipv4:10.21.0.1", "ipv4:10.21.5.5", "ipv4:10.22.5.5", "ipv4:10.23.5.5"))
                .containsExactly(1, 2, 3);
        assertThat(served.ranks("ipv6:2001:db8:21::1", "ipv6:2001:db8:21::5", "ipv6:2001:db8:22::5", "ipv6:2001:db8:23::5"))
                .containsExactly(1, 2, 3);
        String firstVtag = map.at("/meta/vtag/tag").asText();

        // Re-tag 10.22/16 into area-01 (same prefix, new path: an implicit withdraw), withdraw
        // 10.23/16 (Withdrawn Routes field) and 2001:db8:22::/48 (MP_UNREACH_NLRI).
        gobgp("global", "rib", "add", "10.22.0.0/16", "community", "65000:101");
        gobgp("global", "rib", "del", "10.23.0.0/16");
        gobgp("global", "rib", "del", "-a", "ipv6", "2001:db8:22::/48");
        map = served.awaitMap(m -> pidPrefixes(m, "area-01", "ipv4").contains("10.22.0.0/16")
                && !pidPrefixes(m, "external", "ipv4").contains("10.23.0.0/16")
                && !pidPrefixes(m, "area-02", "ipv6").contains("2001:db8:22::/48"));
        assertThat(map.at("/meta/vtag/tag").asText()).isNotEqualTo(firstVtag);
        assertThat(pidPrefixes(map, "area-01", "ipv4")).containsExactly("10.1.0.0/16", "10.21.0.0/16", "10.22.0.0/16");
        assertThat(pidPrefixes(map, "area-02", "ipv4")).containsExactly("10.2.0.0/16");
        assertThat(pidPrefixes(map, "external", "ipv4")).containsExactly("0.0.0.0/0");
        assertThat(pidPrefixes(map, "area-02", "ipv6")).isEmpty();
        assertThat(pidPrefixes(map, "area-01", "ipv6")).containsExactly("2001:db8:21::/48");
        assertThat(served.ranks("ipv4:10.21.0.1", "ipv4:10.21.5.5", "ipv4:10.22.5.5", "ipv4:10.23.5.5"))
                .as("10.22/16 is now as close as 10.21/16").containsExactly(1, 1, 2);
        assertThat(served.ranks("ipv6:2001:db8:21::1", "ipv6:2001:db8:21::5", "ipv6:2001:db8:22::5", "ipv6:2001:db8:23::5"))
                .as("2001:db8:22::/48 fell back to the default PID").containsExactly(1, 2, 2);

        // GoBGP restarts (as a graceful restart, -r): the server keeps its routes meanwhile (hold time
        // plus 60 s of grace). The new GoBGP waits for the server's End-of-RIB before it sends its
        // routes; its own End-of-RIB then tells the server that 10.21/16 and 2001:db8:21::/48 are
        // all there is, and the rest goes long before the grace period would have ended.
        long lost = System.nanoTime();
        stopGoBgp();
        assertThat(pidPrefixes(served.map(), "area-01", "ipv4")).as("kept while GoBGP is away").contains("10.22.0.0/16");
        startGoBgp(dir, bgpPort, "--graceful-restart");
        awaitApi();
        gobgp("global", "rib", "add", "10.21.0.0/16", "community", "65000:101");
        gobgp("global", "rib", "add", "-a", "ipv6", "2001:db8:21::/48", "community", "65000:101");
        map = served.awaitMap(m -> !pidPrefixes(m, "area-01", "ipv4").contains("10.22.0.0/16")
                && !pidPrefixes(m, "area-03", "ipv4").contains("10.24.0.0/16")
                && pidPrefixes(m, "area-01", "ipv4").contains("10.21.0.0/16")
                && pidPrefixes(m, "area-01", "ipv6").contains("2001:db8:21::/48"));
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).as("stale routes dropped at End-of-RIB, not at the grace period's end")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(pidPrefixes(map, "area-01", "ipv4")).containsExactly("10.1.0.0/16", "10.21.0.0/16");
        assertThat(pidPrefixes(map, "area-01", "ipv6")).containsExactly("2001:db8:21::/48");
        assertThat(pidPrefixes(map, "area-03", "ipv4")).containsExactly("10.3.0.0/16");
        assertThat(run(List.of("gobgp", "-p", String.valueOf(apiPort), "neighbor", "127.0.0.1"), true))
                .contains("graceful-restart:\tadvertised and received");

        stopGoBgp();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
    }

    /**
     * Per-value rules (issue #16): a PID per point of presence, from the value of a community the
     * routers tag routes with, and a PID per neighbour AS for the rest; the PIDs come and go with
     * the routes, none is listed in the file.
     */
    @Test
    void aPidPerCommunityValueAndPerNeighbourAsComeFromTheRoutes(@TempDir Path dir) throws Exception {
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, dir.resolve("net.yaml"), dir.resolve("alto.log"), 1, ports -> """
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                """ + BgpSection.listeningOn(ports[0]).peerAs(GOBGP_AS).holdTime(9)
                .rule("{ per: community, asn: 65001, pid-prefix: pop- }")
                .rule("{ per: neighbor-as, pid-prefix: as }").yaml(), "--port", "0");
        Process server = alto.process();
        ServedNetwork served = new ServedNetwork(alto.directory());
        startGoBgp(dir, alto.ports()[0]);
        awaitApi();
        awaitEstablished();

        int pops = 30;
        for (int pop = 1; pop <= pops; pop++) {
            gobgp("global", "rib", "add", "10.100." + pop + ".0/24", "community", "65001:" + pop);
        }
        gobgp("global", "rib", "add", "10.200.0.0/16", "aspath", "64500");
        String neighbor = "as" + GOBGP_AS; // GoBGP, an eBGP peer, puts its own AS first on every path
        JsonNode map = served.awaitMap(m -> pidPrefixes(m, "pop-" + pops, "ipv4").contains("10.100." + pops + ".0/24")
                && pidPrefixes(m, neighbor, "ipv4").contains("10.200.0.0/16"));
        for (int pop = 1; pop <= pops; pop++) {
            assertThat(pidPrefixes(map, "pop-" + pop, "ipv4")).containsExactly("10.100." + pop + ".0/24");
        }
        assertThat(pidPrefixes(map, neighbor, "ipv4")).containsExactly("10.200.0.0/16");
        int pids = 1 + pops + 1 + 1;
        assertThat(map.path("network-map").size()).as("area-01, 30 PoPs, one neighbour AS, default").isEqualTo(pids);

        gobgp("global", "rib", "del", "10.100.7.0/24");
        map = served.awaitMap(m -> !m.path("network-map").has("pop-7"));
        assertThat(map.path("network-map").size()).as("pop-7 went with its only route").isEqualTo(pids - 1);

        stopGoBgp();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * GoBGP as the operator's router: source 127.0.0.2, connecting actively to the listener (its own
     * BGP port disabled), IPv4 and IPv6 unicast with graceful restart (so it sends End-of-RIB), its
     * gRPC API on a free port of its own.
     */
    private void startGoBgp(Path dir, int bgpPort, String... options) throws Exception {
        Path config = dir.resolve("gobgpd.toml");
        Files.writeString(config, """
                [global.config]
                  as = %d
                  router-id = "127.0.0.2"
                  port = -1
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "127.0.0.1"
                    peer-as = 65000
                  [neighbors.transport.config]
                    local-address = "127.0.0.2"
                    remote-port = %d
                  [neighbors.timers.config]
                    connect-retry = 1
                    hold-time = 9
                    keepalive-interval = 3
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv4-unicast"
                    [neighbors.afi-safis.mp-graceful-restart.config]
                      enabled = true
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv6-unicast"
                    [neighbors.afi-safis.mp-graceful-restart.config]
                      enabled = true
                  [neighbors.graceful-restart.config]
                    enabled = true
                    restart-time = 30
                """.formatted(GOBGP_AS, bgpPort));
        apiPort = FreePorts.one();
        List<String> command = new ArrayList<>(List.of("gobgpd", "-f", config.toString(), "--log-plain", "--pprof-disable",
                "--api-hosts", "127.0.0.1:" + apiPort));
        command.addAll(List.of(options));
        gobgpd = started.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gobgpd.log").toFile())).start());
    }

    /** Waits until gobgpd answers on its API port. */
    private void awaitApi() {
        List<String> global = List.of("gobgp", "-p", String.valueOf(apiPort), "global");
        eventually("gobgpd answering on its API port", PATIENCE).failFast("gobgpd stopped", () -> !gobgpd.isAlive())
                .until(() -> run(global, false), answer -> answer.contains("AS:"));
    }

    /** GoBGP's first connect attempt comes 5 to 10 s after it starts (its minimum connect-retry interval). */
    private void awaitEstablished() {
        List<String> show = List.of("gobgp", "-p", String.valueOf(apiPort), "neighbor", "127.0.0.1");
        String neighbor = eventually("GoBGP establishing its session", PATIENCE).failFast("gobgpd stopped", () -> !gobgpd.isAlive())
                .until(() -> run(show, false), answer -> answer.contains("BGP state = ESTABLISHED"));
        assertThat(neighbor).contains("4-octet-as:\tadvertised and received", "ipv6-unicast:\tadvertised and received");
    }

    private void gobgp(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gobgp", "-p", String.valueOf(apiPort)));
        command.addAll(List.of(args));
        run(command, true);
    }

    /** Runs a command to its end (bounded); with {@code check}, a non-zero exit fails the test. */
    private static String run(List<String> command, boolean check) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        if (check && process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** Stops the gobgpd this test started, waiting until it is gone. */
    private void stopGoBgp() {
        StartedProcesses.stop(gobgpd.toHandle());
    }
}
