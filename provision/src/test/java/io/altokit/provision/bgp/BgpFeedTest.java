package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.InformationBase;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class BgpFeedTest {
    private static final InetAddress ROUTER = InetAddress.getLoopbackAddress();
    private static final InetAddress SECOND_ROUTER = address("127.0.0.3");

    private final InformationBase informationBase = new InformationBase(base().build());
    private final AtomicInteger publications = new AtomicInteger();
    private BgpFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void announcedPrefixesJoinThePidTheirCommunityNames() {
        feed = feed(Duration.ofSeconds(60));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16"), Routes.prefix("2001:db8:11::/48")),
                Routes.community(65000, 101));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.12.0.0/16")), Routes.largeCommunity(65000, 1, 102));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.13.0.0/16")), Routes.none());
        NetworkMap map = awaitMap(m -> m.prefixes(m.indexOf("external").orElseThrow(), AddressFamily.IPV4).size() == 2);
        assertThat(pidOf(map, "10.13.1.1")).as("no rule matches: the default PID").isEqualTo("external");
        assertThat(pidOf(map, "10.11.1.1")).isEqualTo("area-01");
        assertThat(pidOf(map, "2001:db8:11::1")).isEqualTo("area-01");
        assertThat(pidOf(map, "10.12.1.1")).isEqualTo("area-02");
        assertThat(map.prefixes(map.indexOf("area-02").orElseThrow(), AddressFamily.IPV4))
                .containsExactly(IpPrefix.parse("10.12.0.0/16"));
        assertThat(publications).as("the start, then one snapshot for the batch").hasValue(2);

        feed.update(ROUTER, List.of(Routes.prefix("10.11.0.0/16")), List.of(), Routes.none());
        map = awaitMap(m -> !pidOf(m, "10.11.1.1").equals("area-01"));
        assertThat(pidOf(map, "10.11.1.1")).as("withdrawn: back to the file's default").isEqualTo("external");
    }

    @Test
    void theFilesOwnPrefixesWin() {
        feed = feed(Duration.ofSeconds(60));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.1.0.0/16"), Routes.prefix("10.14.0.0/16")),
                Routes.community(65000, 102));
        NetworkMap map = awaitMap(m -> pidOf(m, "10.14.0.1").equals("area-02"));
        assertThat(pidOf(map, "10.1.0.1")).as("listed in the file under area-01").isEqualTo("area-01");
        assertThat(map.indexOf("peering")).as("every PID the rules name exists").isPresent();
    }

    @Test
    void aLostSessionsRoutesStayUntilTheGracePeriodEnds() throws Exception {
        feed = feed(Duration.ofSeconds(60));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16"), Routes.prefix("10.12.0.0/16")),
                Routes.community(65000, 101));
        awaitMap(m -> pidOf(m, "10.12.0.1").equals("area-01"));
        feed.sessionLost(ROUTER, Duration.ZERO);
        // The router comes back and re-announces one prefix; End-of-RIB drops the other.
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        int before = publications.get();
        feed.endOfRib(ROUTER);
        NetworkMap map = awaitMap(m -> pidOf(m, "10.12.0.1").equals("external"));
        assertThat(pidOf(map, "10.11.0.1")).isEqualTo("area-01");
        assertThat(publications.get()).isGreaterThan(before);
    }

    @Test
    void withoutTheRouterBackRoutesGoWhenHoldTimePlusGraceHavePassed() {
        feed = feed(Duration.ZERO);
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("area-01"));
        feed.sessionLost(ROUTER, Duration.ofMillis(200));
        long lost = System.nanoTime();
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("external"));
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aRestoredSnapshotIsServedUntilEveryPeerHasSentEndOfRib() throws Exception {
        BgpFeed holding = new BgpFeed(config(Duration.ofSeconds(60)),
                () -> new BgpFeed.FileNetwork(base(), Set.of()), informationBase);
        feed = holding;
        String restored = informationBase.current().networkMap().vtag();
        holding.start(true);
        holding.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        holding.endOfRib(ROUTER);
        // Only one of the two peers has caught up: nothing may replace the restored snapshot yet.
        assertThat(holding.snapshotNow().networkMap().vtag()).isNotEqualTo(restored);
        assertThat(informationBase.current().networkMap().vtag()).isEqualTo(restored);
        holding.endOfRib(SECOND_ROUTER);
        NetworkMap map = awaitMap(m -> pidOf(m, "10.11.0.1").equals("area-01"));
        assertThat(map.indexOf("peering")).isPresent();
    }

    @Test
    void theFirstConfiguredPeerWinsAPrefixBothAnnounce() {
        feed = feed(Duration.ofSeconds(60));
        feed.update(SECOND_ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 102));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        NetworkMap map = awaitMap(m -> !pidOf(m, "10.11.0.1").equals("external"));
        assertThat(pidOf(map, "10.11.0.1")).isEqualTo("area-01");
    }

    private BgpFeed feed(Duration grace) {
        informationBase.subscribe(snapshot -> publications.incrementAndGet());
        BgpFeed created = new BgpFeed(config(grace), () -> new BgpFeed.FileNetwork(base(), Set.of(Routes.prefix("10.1.0.0/16"))),
                informationBase);
        created.start(false);
        return created;
    }

    private static BgpConfig config(Duration grace) {
        return new BgpConfig(new InetSocketAddress(ROUTER, 0), 65000, (java.net.Inet4Address) ROUTER, 90,
                grace, Duration.ofMillis(50),
                List.of(new BgpConfig.Peer(ROUTER, 65001), new BgpConfig.Peer(SECOND_ROUTER, 65002)),
                new PidRules(List.of(new PidRule.Community(65000, 101, "area-01"),
                        new PidRule.LargeCommunity(65000, 1, 102, "area-02"),
                        new PidRule.Community(65000, 102, "area-02"),
                        new PidRule.OriginAs(64512, "peering")), "external"));
    }

    private static Snapshot.Builder base() {
        return Snapshot.builder().defaultPid("external")
                .pid("area-01", List.of(IpPrefix.parse("10.1.0.0/16")))
                .pid("area-02", List.of())
                .cost("routingcost", "area-01", "area-02", 5);
    }

    private NetworkMap awaitMap(Predicate<NetworkMap> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.test(informationBase.current().networkMap())) {
            if (System.nanoTime() > deadline) {
                NetworkMap current = informationBase.current().networkMap();
                throw new AssertionError("no such map published within 10 s; current: " + current.pidNames().stream()
                        .map(pid -> pid + "=" + current.prefixes(current.indexOf(pid).orElseThrow(), AddressFamily.IPV4)
                                + current.prefixes(current.indexOf(pid).orElseThrow(), AddressFamily.IPV6)).toList());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return informationBase.current().networkMap();
    }

    private static String pidOf(NetworkMap map, String address) {
        return map.pidName(map.lookup(IpPrefix.parse(address).address()));
    }

    private static InetAddress address(String text) {
        return IpPrefix.parse(text).address();
    }
}
