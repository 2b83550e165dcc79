package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.altokit.app.ServedNetwork.pidPrefixes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with a real router: BIRD 2 announces prefixes with communities to the server's BGP
 * listener on loopback; the served network map and the endpoint cost ranking follow BIRD's routes
 * as they are announced, changed and withdrawn, and survive BIRD going away until the grace period ends.
 */
class BgpBirdIT {

    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void installBird() throws Exception {
        Bird.require();
    }

    @Test
    void servedMapFollowsTheRoutersAnnouncementsAndWithdrawals(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("alto.log");
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, dir.resolve("net.yaml"), log, 1, ports -> """
                default-pid: external
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                  area-02: { ipv4: [10.2.0.0/16] }
                costs:
                  routingcost:
                    area-01: { area-01: 1, area-02: 10, external: 50 }
                    area-02: { area-01: 10, area-02: 1, external: 50 }
                    external: { area-01: 50, area-02: 50, external: 1 }
                """ + BgpSection.listeningOn(ports[0]).holdTime(3).gracePeriod("3s")
                .rule("{ community: \"65000:101\", pid: area-01 }")
                .rule("{ large-community: \"65000:1:102\", pid: area-02 }").yaml(), "--port", "0");
        Process server = alto.process();
        int bgpPort = alto.ports()[0];
        ServedNetwork served = new ServedNetwork(alto.directory());

        Bird bird = started.add(Bird.start(dir, Bird.routerConfig(bgpPort, """
                  route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };
                  route 10.12.0.0/16 blackhole { bgp_large_community.add((65000,1,102)); };
                  route 10.13.0.0/16 blackhole;
                """)));

        JsonNode map = served.awaitMap(m -> pidPrefixes(m, "area-01", "ipv6").contains("2001:db8:11::/48")
                && pidPrefixes(m, "external", "ipv4").contains("10.13.0.0/16"));
        assertThat(pidPrefixes(map, "area-01", "ipv4")).containsExactly("10.1.0.0/16", "10.11.0.0/16");
        assertThat(pidPrefixes(map, "area-02", "ipv4")).containsExactly("10.2.0.0/16", "10.12.0.0/16");
        assertThat(served.ranks("ipv4:10.11.0.1", "ipv4:10.11.5.5", "ipv4:10.12.5.5", "ipv4:10.13.5.5")).containsExactly(1, 2, 3);
        String firstVtag = map.at("/meta/vtag/tag").asText();

        // The operator re-tags 10.12/16 into area-01 and withdraws 10.13/16.
        bird.configure(Bird.routerConfig(bgpPort, """
                  route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };
                  route 10.12.0.0/16 blackhole { bgp_community.add((65000,101)); };
                """));
        map = served.awaitMap(m -> pidPrefixes(m, "area-01", "ipv4").contains("10.12.0.0/16")
                && !pidPrefixes(m, "external", "ipv4").contains("10.13.0.0/16"));
        assertThat(map.at("/meta/vtag/tag").asText()).isNotEqualTo(firstVtag);
        assertThat(pidPrefixes(map, "area-02", "ipv4")).containsExactly("10.2.0.0/16");
        assertThat(served.ranks("ipv4:10.11.0.1", "ipv4:10.11.5.5", "ipv4:10.12.5.5", "ipv4:10.13.5.5")).as("10.12/16 is now as close as 10.11/16").containsExactly(1, 1, 2);

        // The router goes away: its routes stay for hold time + grace period (3 + 3 s), then go.
        long lost = System.nanoTime();
        bird.close();
        assertThat(pidPrefixes(served.map(), "area-01", "ipv4")).as("kept during the grace period").contains("10.12.0.0/16");
        map = served.awaitMap(m -> !pidPrefixes(m, "area-01", "ipv4").contains("10.12.0.0/16"));
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(pidPrefixes(map, "area-01", "ipv4")).containsExactly("10.1.0.0/16");

        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        // Every publication moved the map on: no route change was published twice.
        Publications publications = Publications.in(log);
        assertThat(publications.all()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(publications.noneRepeated()).as(publications.toString()).isTrue();
    }

    @Test
    void aRestartServesTheLastLearnedMapBeforeTheRouterIsBack(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Path config = dir.resolve("net.yaml");
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, config, dir.resolve("alto-1.log"), 1, ports -> """
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                server:
                  state-file: state/alto.snapshot
                """ + BgpSection.listeningOn(ports[0]).rule("{ community: \"65000:101\", pid: area-01 }").yaml(), "--port", "0");
        Process first = alto.process();
        ServedNetwork served = new ServedNetwork(alto.directory());
        Bird bird = started.add(Bird.start(dir, Bird.routerConfig(alto.ports()[0], """
                  route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };
                """)));
        served.awaitMap(m -> pidPrefixes(m, "area-01", "ipv4").contains("10.11.0.0/16"));
        bird.close();
        first.destroy();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("state/alto.snapshot")).exists();

        // No router now: only the state file can know 10.11/16.
        Path secondLog = dir.resolve("alto-2.log");
        Process second = AltoJar.start(secondLog, "serve", "--config", config.toString(), "--port", "0");
        started.add(second);
        URI restarted = AltoJar.awaitReady(second, secondLog);
        assertThat(pidPrefixes(new ServedNetwork(restarted).map(), "area-01", "ipv4")).containsExactly("10.1.0.0/16", "10.11.0.0/16");
        second.destroy();
        assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
}
