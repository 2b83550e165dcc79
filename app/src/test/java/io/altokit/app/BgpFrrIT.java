package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.altokit.app.ServedNetwork.pidPrefixes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with FRR's bgpd (alone, without zebra) as the router: the routes it originates with
 * communities reach the served map, a route-map change re-tags one of them, and every change is
 * published once (FRR was the peer with which every change used to be published twice).
 */
class BgpFrrIT {
    private static final Path BGPD = Path.of("/usr/lib/frr/bgpd");

    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void installFrr() throws Exception {
        SystemTools.requirePackage("frr", "FRR", "vtysh");
        assertThat(BGPD).as("FRR's bgpd").isExecutable();
    }

    @Test
    void servedMapFollowsFrrAndEachChangeIsPublishedOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("alto.log");
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, dir.resolve("net.yaml"), log, 1, ports -> """
                default-pid: external
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                  area-02: { ipv4: [10.2.0.0/16] }
                """ + BgpSection.listeningOn(ports[0]).holdTime(9)
                .rule("{ community: \"65000:101\", pid: area-01 }")
                .rule("{ community: \"65000:102\", pid: area-02 }").yaml(), "--port", "0");
        Process server = alto.process();
        ServedNetwork served = new ServedNetwork(alto.directory());

        Daemon bgpd = started.add(startBgpd(dir, alto.ports()[0]));
        JsonNode map = served.awaitMap(m -> pidPrefixes(m, "area-01", "ipv4").contains("10.11.0.0/16")
                && pidPrefixes(m, "area-02", "ipv4").contains("10.12.0.0/16"));
        String firstVtag = map.at("/meta/vtag/tag").asText();

        // The operator re-tags 10.12/16 into area-01.
        vtysh(dir, "configure terminal", "route-map area2 permit 10", "set community 65000:101");
        vtysh(dir, "clear bgp ipv4 unicast 127.0.0.1 soft out");
        map = served.awaitMap(m -> pidPrefixes(m, "area-01", "ipv4").contains("10.12.0.0/16"));
        assertThat(map.at("/meta/vtag/tag").asText()).isNotEqualTo(firstVtag);
        assertThat(pidPrefixes(map, "area-02", "ipv4")).containsExactly("10.2.0.0/16");

        bgpd.close();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Publications publications = Publications.in(log);
        assertThat(publications.all()).as("the routes, then the re-tagged route").hasSizeGreaterThanOrEqualTo(2);
        assertThat(publications.noneRepeated()).as(publications.toString()).isTrue();
    }

    /** bgpd as AS 65001 from 127.0.0.2, originating 10.11/16 (area-01) and 10.12/16 (area-02). */
    private static Daemon startBgpd(Path dir, int port) throws Exception {
        Path config = Files.writeString(dir.resolve("frr.conf"), """
                frr defaults traditional
                hostname alto-frr
                log file %s
                router bgp 65001
                 bgp router-id 127.0.0.2
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                 neighbor 127.0.0.1 remote-as 65000
                 neighbor 127.0.0.1 port %d
                 neighbor 127.0.0.1 update-source 127.0.0.2
                 neighbor 127.0.0.1 ebgp-multihop 2
                 neighbor 127.0.0.1 timers connect 1
                 address-family ipv4 unicast
                  network 10.11.0.0/16 route-map area1
                  network 10.12.0.0/16 route-map area2
                 exit-address-family
                !
                route-map area1 permit 10
                 set community 65000:101
                !
                route-map area2 permit 10
                 set community 65000:102
                !
                """.formatted(dir.resolve("bgpd.log"), port));
        Daemon bgpd = new Daemon(dir.resolve("bgpd.pid"));
        // -Z: no zebra, -n: no kernel routes, -p 0: no BGP listener of its own, -P 0: no vty port, -S: stay root.
        Process launcher = new ProcessBuilder(BGPD.toString(), "-d", "-f", config.toString(), "-i", bgpd.pidFile().toString(),
                "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-P", "0", "-p", "0",
                "-Z", "-n", "-S").redirectErrorStream(true).redirectOutput(dir.resolve("bgpd.out").toFile()).start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("bgpd daemonizes").isTrue();
        assertThat(launcher.exitValue()).as("bgpd started; see " + dir.resolve("bgpd.out")).isZero();
        return bgpd;
    }

    private static void vtysh(Path dir, String... commands) throws Exception {
        List<String> command = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd"));
        for (String line : commands) {
            command.add("-c");
            command.add(line);
        }
        Process vtysh = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(vtysh.getInputStream().readAllBytes());
        assertThat(vtysh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(vtysh.exitValue()).as("vtysh " + String.join("; ", commands) + ": " + output).isZero();
    }
}
