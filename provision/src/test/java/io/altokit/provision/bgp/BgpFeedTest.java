package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.InformationBase;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualScheduler;
import io.altokit.core.time.ManualTicker;
import io.altokit.provision.publish.Publisher;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed on the test's thread: its table changes and the publisher run directly, and time moves
 * only when the test advances the scheduler, so every debounce and grace period is exact.
 */
class BgpFeedTest {
    private static final InetAddress ROUTER = InetAddress.getLoopbackAddress();
    private static final InetAddress SECOND_ROUTER = address("127.0.0.3");
    private static final Duration DEBOUNCE = Duration.ofMillis(50);

    /** Near the wrap-around, to catch nano times compared with {@code <}. */
    private final ManualTicker ticker = new ManualTicker(Long.MAX_VALUE - Duration.ofSeconds(2).toNanos());
    private final ManualScheduler scheduler = new ManualScheduler(ticker);
    private final InformationBase informationBase = new InformationBase(base().build());
    private final AtomicInteger publications = new AtomicInteger();
    private BgpFeed feed;

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
    void routesSentAgainUnchangedAreNotPublishedAgain() {
        feed = feed(Duration.ofSeconds(60));
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("area-01"));
        int before = publications.get();
        // FRR re-sends its routes after a while (a second UPDATE with the same content): nothing changed.
        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("area-01"));
        assertThat(publications).hasValue(before);
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
        scheduler.advance(Duration.ofMillis(199).minus(DEBOUNCE));
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("area-01"));
        scheduler.advance(Duration.ofMillis(1));
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("external"));
    }

    @Test
    void aRestoredSnapshotIsServedUntilEveryPeerHasSentEndOfRib() throws Exception {
        BgpFeed holding = feed(Duration.ofSeconds(60), true);
        feed = holding;
        String restored = informationBase.current().networkMap().vtag();
        holding.start(true);
        holding.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16")), Routes.community(65000, 101));
        holding.endOfRib(ROUTER);
        scheduler.advance(DEBOUNCE);
        // Only one of the two peers has caught up: nothing may replace the restored snapshot yet.
        assertThat(mapWith(holding.routesNow()).vtag()).isNotEqualTo(restored);
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

    @Test
    void aBurstWithoutAQuietPeriodIsPublishedOnceMaxBatchDelayHasPassed() {
        feed = feed(Duration.ofSeconds(60));
        int before = publications.get();
        Duration step = DEBOUNCE.minusMillis(10);
        Duration firstPublished = null;
        int sent = 0;
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(Duration.ofSeconds(6)) < 0; elapsed = elapsed.plus(step)) {
            feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.%d.%d.0/24".formatted(20 + sent / 256, sent % 256))),
                    Routes.community(65000, 101));
            sent++;
            scheduler.advance(step);
            if (firstPublished == null && publications.get() > before) {
                firstPublished = elapsed.plus(step);
            }
        }
        assertThat(firstPublished).as("an UPDATE every %s never lets the feed go quiet", step)
                .isBetween(BgpFeed.MAX_BATCH_DELAY, BgpFeed.MAX_BATCH_DELAY.plus(DEBOUNCE));
    }

    @Test
    void peerStatusCountsRoutesAgesTheLastUpdateAndTellsEndOfRibOnceItsRoutesArePublished() {
        feed = feed(Duration.ofSeconds(60));
        assertThat(feed.peers()).extracting(PeerStatus::address).containsExactly(ROUTER, SECOND_ROUTER);
        assertThat(feed.peers().getFirst()).isEqualTo(new PeerStatus(ROUTER, "idle", 0, Optional.empty(), false));

        feed.update(ROUTER, List.of(), List.of(Routes.prefix("10.11.0.0/16"), Routes.prefix("10.12.0.0/16")),
                Routes.community(65000, 101));
        feed.endOfRib(ROUTER);
        assertThat(feed.peers().getFirst().routes()).isEqualTo(2);
        assertThat(feed.peers().getFirst().endOfRib()).as("not before a snapshot with its routes is published").isFalse();

        awaitMap(m -> pidOf(m, "10.12.0.1").equals("area-01"));
        PeerStatus router = feed.peers().getFirst();
        assertThat(router.endOfRib()).isTrue();
        assertThat(router.sinceLastUpdate()).hasValue(DEBOUNCE);
        assertThat(feed.peers().get(1)).as("the other peer, silent").isEqualTo(
                new PeerStatus(SECOND_ROUTER, "idle", 0, Optional.empty(), false));

        feed.update(ROUTER, List.of(Routes.prefix("10.11.0.0/16")), List.of(), Routes.none());
        awaitMap(m -> !pidOf(m, "10.11.0.1").equals("area-01"));
        assertThat(feed.peers().getFirst().routes()).isEqualTo(1);
        feed.endOfRib(SECOND_ROUTER);
        assertThat(feed.peers().get(1).endOfRib()).as("nothing pending: the last publication already holds its routes").isTrue();
    }

    private BgpFeed feed(Duration grace) {
        informationBase.subscribe(update -> {
            if (update instanceof InformationBase.Update.Changed) {
                publications.incrementAndGet();
            }
        }, InformationBase.Delivery.inline());
        BgpFeed created = feed(grace, false);
        created.start(false);
        return created;
    }

    /** A feed whose publisher lays the routes over {@link #base()}, the file's network (10.1.0.0/16 its own). */
    private BgpFeed feed(Duration grace, boolean held) {
        Publisher publisher = new Publisher(informationBase, base().build(), held, Runnable::run, ticker);
        return new BgpFeed(config(grace), publisher, Runnable::run, scheduler, ticker);
    }

    private static BgpConfig config(Duration grace) {
        return new BgpConfig(new InetSocketAddress(ROUTER, 0), 65000, (java.net.Inet4Address) ROUTER, 90,
                grace, DEBOUNCE,
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

    /** The served map once the debounce period has passed; it must meet {@code condition}. */
    private NetworkMap awaitMap(Predicate<NetworkMap> condition) {
        scheduler.advance(DEBOUNCE);
        NetworkMap current = informationBase.current().networkMap();
        assertThat(condition.test(current)).as("the published map meets the condition; it is %s", describe(current))
                .isTrue();
        return current;
    }

    private static List<String> describe(NetworkMap map) {
        return map.pidNames().stream()
                .map(pid -> pid + "=" + map.prefixes(map.indexOf(pid).orElseThrow(), AddressFamily.IPV4)
                        + map.prefixes(map.indexOf(pid).orElseThrow(), AddressFamily.IPV6)).toList();
    }

    /** The map the publisher would build from the feed's routes right now. */
    private static NetworkMap mapWith(io.altokit.provision.publish.Routes routes) {
        Snapshot network = base().build();
        Snapshot.Builder builder = network.toBuilder();
        routes.addTo(builder, network);
        return builder.build().networkMap();
    }

    private static String pidOf(NetworkMap map, String address) {
        return map.pidName(map.lookup(IpPrefix.parse(address).address()));
    }

    private static InetAddress address(String text) {
        return IpPrefix.parse(text).address();
    }
}
