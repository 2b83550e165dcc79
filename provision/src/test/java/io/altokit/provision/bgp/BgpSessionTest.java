package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Ticker;
import io.altokit.provision.publish.Publisher;
import io.altokit.provision.bgp.message.AsPath;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.BgpMessage;
import io.altokit.provision.bgp.message.Capability;
import io.altokit.provision.bgp.message.Community;
import io.altokit.provision.bgp.message.DecodeResult;
import io.altokit.provision.bgp.message.Keepalive;
import io.altokit.provision.bgp.message.LargeCommunity;
import io.altokit.provision.bgp.message.Notification;
import io.altokit.provision.bgp.message.Octets;
import io.altokit.provision.bgp.message.Open;
import io.altokit.provision.bgp.message.Origin;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passive BGP listener against a scripted peer: a plain socket from a loopback source address
 * speaking BGP with the project's own codec. Covers the RFC 4271 state machine (OpenSent ->
 * OpenConfirm -> Established), the NOTIFICATIONs of section 6, hold timer and keepalives, RFC 7606
 * treat-as-withdraw, and what the served network map does when a session comes and goes.
 */
@Timeout(30)
class BgpSessionTest {
    private static final InetAddress LOCAL = address("127.0.0.1");
    /** A configured peer, AS 65001. */
    private static final InetAddress ROUTER = address("127.0.0.2");
    /** A configured peer with a 4-octet AS number. */
    private static final InetAddress BIG_AS_ROUTER = address("127.0.0.3");
    /** A configured peer, AS 65004, that proposes hold time 0. */
    private static final InetAddress NO_HOLD_ROUTER = address("127.0.0.4");
    private static final InetAddress STRANGER = address("127.0.0.9");
    private static final long LOCAL_AS = 65000;
    private static final long ROUTER_AS = 65001;
    private static final long BIG_AS = 4_200_000_001L;
    private static final long ROUTER_ID = 0x0A00_0002L; // 10.0.0.2
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private final InformationBase informationBase = new InformationBase(base().build());
    /** Each publication, as it happens. */
    private final BlockingQueue<Snapshot> published = new LinkedBlockingQueue<>();

    {
        informationBase.subscribe(update -> published.add(update.snapshot()), InformationBase.Delivery.inline());
    }
    private final List<ScriptedPeer> peers = new ArrayList<>();
    private BgpFeed feed;
    private BgpListener listener;

    @AfterEach
    void stop() {
        peers.forEach(ScriptedPeer::close);
        if (listener != null) {
            listener.close();
        }
        if (feed != null) {
            feed.close();
        }
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void theListenerOpensFirstReachesEstablishedAndServesTheRoutesItReceives() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = connect(ROUTER);

        Open open = peer.expect(Open.class);
        assertThat(open.version()).isEqualTo(4);
        assertThat(open.myAutonomousSystem()).isEqualTo((int) LOCAL_AS);
        assertThat(open.autonomousSystem()).isEqualTo(LOCAL_AS);
        assertThat(open.holdTime()).isEqualTo(90);
        assertThat(open.bgpIdentifier()).as("the router id, 127.0.0.1").isEqualTo(0x7F00_0001L);
        assertThat(open.capabilities()).contains(Capability.Multiprotocol.IPV4_UNICAST,
                Capability.Multiprotocol.IPV6_UNICAST, new Capability.FourOctetAs(LOCAL_AS));

        peer.send(peerOpen(ROUTER_AS, 90));
        peer.expect(Keepalive.class);
        peer.negotiated(open, peerOpen(ROUTER_AS, 90));
        peer.send(Keepalive.INSTANCE);

        // Established: IPv4 with a community, IPv4 with a large community, IPv6 through MP_REACH_NLRI.
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.11.0.0/16"), PrefixKey.parse("10.11.128.0/17")),
                ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.12.0.0/16")),
                ipv4(ROUTER_AS).largeCommunities(List.of(new LargeCommunity(65000, 1, 102))).build()));
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:11::/48")),
                ipv6(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:12::/48")),
                ipv6(ROUTER_AS).largeCommunities(List.of(new LargeCommunity(65000, 1, 102))).build()));
        peer.sendRaw(endOfRibIpv4());
        peer.sendRaw(endOfRibIpv6());
        NetworkMap map = awaitMap(m -> pidOf(m, "2001:db8:12::1").equals("area-02") && pidOf(m, "10.12.0.1").equals("area-02"));
        assertThat(pidOf(map, "10.11.0.1")).isEqualTo("area-01");
        assertThat(pidOf(map, "10.11.200.1")).isEqualTo("area-01");
        assertThat(pidOf(map, "2001:db8:11::1")).isEqualTo("area-01");
        assertThat(map.prefixes(map.indexOf("area-01").orElseThrow(), AddressFamily.IPV6))
                .containsExactly(IpPrefix.parse("2001:db8:11::/48"));

        // Withdrawals: one IPv4 in Withdrawn Routes, one IPv6 in MP_UNREACH_NLRI.
        peer.send(Update.of(List.of(PrefixKey.parse("10.12.0.0/16")), List.of(), PathAttributes.EMPTY));
        peer.send(Update.of(List.of(PrefixKey.parse("2001:db8:11::/48")), List.of(), PathAttributes.EMPTY));
        map = awaitMap(m -> pidOf(m, "10.12.0.1").equals("external") && pidOf(m, "2001:db8:11::1").equals("external"));
        assertThat(pidOf(map, "10.11.0.1")).isEqualTo("area-01");
        assertThat(pidOf(map, "2001:db8:12::1")).isEqualTo("area-02");

        // Still up: a KEEPALIVE is taken quietly, and nothing but OPEN and KEEPALIVEs ever came back.
        peer.send(Keepalive.INSTANCE);
        assertThat(peer.expectQuietUntilProvoked()).as("the listener never announces: its only UPDATEs are empty End-of-RIB markers")
                .allMatch(BgpSessionTest::announcesNothing);
    }

    @Test
    void aPeerWithAFourOctetAsNumberIsAccepted() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = connect(BIG_AS_ROUTER);
        Open open = peer.expect(Open.class);
        Open theirs = peerOpen(BIG_AS, 90);
        assertThat(theirs.myAutonomousSystem()).isEqualTo(Open.AS_TRANS);
        peer.send(theirs);
        peer.expect(Keepalive.class);
        peer.negotiated(open, theirs);
        peer.send(Keepalive.INSTANCE);
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.41.0.0/16")),
                ipv4(BIG_AS).communities(List.of(Community.of(65000, 101))).build()));
        awaitMap(m -> pidOf(m, "10.41.0.1").equals("area-01"));
        peer.expectQuietUntilProvoked();
    }

    @Test
    void messagesCoalescedInOneSegmentOrSplitIntoSingleOctetsAreTakenApart() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = connect(ROUTER);
        Open open = peer.expect(Open.class);
        Open ours = peerOpen(ROUTER_AS, 90);
        BgpCodec twoOctet = new BgpCodec(SessionOptions.DEFAULT);
        BgpCodec negotiated = new BgpCodec(SessionOptions.negotiated(open, ours));
        // OPEN, KEEPALIVE, an UPDATE (4-octet AS_PATH, negotiated by the OPENs before it) and End-of-RIB in one write
        peer.sendRaw(concat(twoOctet.encode(ours), twoOctet.encode(Keepalive.INSTANCE),
                negotiated.encode(Update.of(List.of(), List.of(PrefixKey.parse("10.61.0.0/16")),
                        ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build())),
                endOfRibIpv4()));
        peer.expect(Keepalive.class);
        peer.negotiated(open, ours);
        awaitMap(m -> pidOf(m, "10.61.0.1").equals("area-01"));

        byte[] update = negotiated.encode(Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:61::/48")),
                ipv6(ROUTER_AS).largeCommunities(List.of(new LargeCommunity(65000, 1, 102))).build()));
        for (byte octet : update) {
            peer.sendRaw(new byte[] {octet});
        }
        awaitMap(m -> pidOf(m, "2001:db8:61::1").equals("area-02"));
        peer.expectQuietUntilProvoked();
    }

    @Test
    void aPeerWithoutCapabilitiesSpeaksTwoOctetAsIpv4AndOneEndOfRibCompletesIt() throws Exception {
        start(90, Duration.ofSeconds(60));
        Open classic = new Open(4, (int) ROUTER_AS, 90, ROUTER_ID, List.of());
        ScriptedPeer peer = connect(ROUTER);
        Open open = peer.expect(Open.class);
        peer.send(classic);
        peer.expect(Keepalive.class);
        peer.negotiated(open, classic);
        peer.send(Keepalive.INSTANCE);
        // AS_PATH in 2-octet form: the session must decode it that way
        peer.sendRaw(update("", "40 01 01 00" + "40 02 04 02 01 fde9" + "40 03 04 7f000002" + "c0 08 04 fde80065",
                "10 0a47 10 0a48"));
        awaitMap(m -> pidOf(m, "10.71.0.1").equals("area-01") && pidOf(m, "10.72.0.1").equals("area-01"));
        peer.closeAndAwaitListenerClose();

        peer = connect(ROUTER);
        open = peer.expect(Open.class);
        peer.send(classic);
        peer.expect(Keepalive.class);
        peer.negotiated(open, classic);
        peer.send(Keepalive.INSTANCE);
        peer.sendRaw(update("", "40 01 01 00" + "40 02 04 02 01 fde9" + "40 03 04 7f000002" + "c0 08 04 fde80065", "10 0a47"));
        peer.sendRaw(endOfRibIpv4());
        NetworkMap map = awaitMap(m -> pidOf(m, "10.72.0.1").equals("external"));
        assertThat(pidOf(map, "10.71.0.1")).isEqualTo("area-01");
        peer.expectQuietUntilProvoked();
    }

    @Test
    void aRouteRefreshIsIgnoredAndANotificationFromThePeerEndsTheSessionQuietly() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 90);
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.81.0.0/16")),
                ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        peer.send(new io.altokit.provision.bgp.message.RouteRefresh(1, 0, 1));
        awaitMap(m -> pidOf(m, "10.81.0.1").equals("area-01"));
        // Nothing answers the ROUTE-REFRESH: the listener closes without sending anything before it.
        peer.send(Notification.of(Notification.CEASE, 2));
        peer.expectClosed();
        assertThat(peer.received).as("no NOTIFICATION answers a NOTIFICATION").allMatch(BgpSessionTest::announcesNothing);
        assertThat(pidOf(routesNow(), "10.81.0.1")).as("kept for hold time + grace").isEqualTo("area-01");
    }

    // ---------------------------------------------------------------- timers

    @Test
    void keepalivesGoOutEveryThirdOfTheHoldTimeAndSilentPeersHitTheHoldTimer() throws Exception {
        start(3, Duration.ofSeconds(60));
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 90);
        assertThat(peer.received.getFirst()).isInstanceOfSatisfying(Open.class, o -> assertThat(o.holdTime()).isEqualTo(3));
        // Meanwhile a second peer stops in OpenConfirm: OPENs exchanged, it never sends its KEEPALIVE.
        ScriptedPeer stuck = connect(BIG_AS_ROUTER);
        Open stuckOpen = stuck.expect(Open.class);
        stuck.send(peerOpen(BIG_AS, 3));
        stuck.expect(Keepalive.class);
        stuck.negotiated(stuckOpen, peerOpen(BIG_AS, 3));
        // And a third proposes hold time 0: no keepalives, no hold timer (RFC 4271 4.2, 4.4).
        ScriptedPeer timeless = establish(NO_HOLD_ROUTER, 65004, 0);

        // The peer keeps its side alive every second; the listener's KEEPALIVEs are timed.
        List<Long> keepalives = new ArrayList<>();
        long started = System.nanoTime();
        long lastSent = started;
        while (keepalives.size() < 3) {
            assertThat(System.nanoTime() - started).as("three KEEPALIVEs within 4 s").isLessThan(Duration.ofSeconds(4).toNanos());
            long sendAt = lastSent + Duration.ofSeconds(1).toNanos();
            BgpMessage message = peer.read(Duration.ofNanos(Math.max(1_000_000, sendAt - System.nanoTime())));
            if (message != null) {
                assertThat(message).isInstanceOf(Keepalive.class);
                keepalives.add(System.nanoTime());
            }
            if (System.nanoTime() >= sendAt) {
                peer.send(Keepalive.INSTANCE);
                lastSent = System.nanoTime();
            }
        }
        long previous = started;
        for (long at : keepalives) {
            assertThat(Duration.ofNanos(at - previous)).as("KEEPALIVE interval with hold time 3")
                    .isBetween(Duration.ofMillis(500), Duration.ofMillis(1600));
            previous = at;
        }

        // Silence: the listener goes on sending KEEPALIVEs, then gives up after 3 s.
        long silentFrom = lastSent;
        Notification notification = peer.expectNotification(Duration.ofSeconds(5));
        assertThat(notification.code()).isEqualTo(Notification.HOLD_TIMER_EXPIRED);
        assertThat(Duration.ofNanos(System.nanoTime() - silentFrom)).isBetween(Duration.ofMillis(2500), Duration.ofMillis(4500));
        peer.expectClosed();

        // The one stuck in OpenConfirm timed out long ago (after 3 s); its NOTIFICATION waits in the socket.
        Notification stuckNotification = stuck.expectNotification(PROMPTLY);
        assertThat(stuckNotification.code()).isEqualTo(Notification.HOLD_TIMER_EXPIRED);
        stuck.expectClosed();

        // Six silent seconds later, the session with hold time 0 is up and has had no KEEPALIVE since OpenConfirm.
        timeless.send(Update.of(List.of(), List.of(PrefixKey.parse("10.91.0.0/16")),
                ipv4(65004).communities(List.of(Community.of(65000, 101))).build()));
        awaitMap(m -> pidOf(m, "10.91.0.1").equals("area-01"));
        assertThat(timeless.expectQuietUntilProvoked()).as("OPEN, KEEPALIVE, End-of-RIB for IPv4 and IPv6; no KEEPALIVE after")
                .hasSize(4).allMatch(BgpSessionTest::announcesNothing);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void anUnconfiguredSourceAddressIsRefusedWithCeaseConnectionRejected() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer stranger = connect(STRANGER);
        assertNotification(stranger.expectNotification(PROMPTLY), Notification.CEASE, 5);
        stranger.expectClosed();
        assertThat(stranger.received).as("no OPEN for a stranger").hasSize(1);
    }

    @Test
    void aSecondSessionFromTheSamePeerIsRefusedWithCeaseCollisionAndTheFirstStaysUp() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer first = establish(ROUTER, ROUTER_AS, 90);
        ScriptedPeer second = connect(ROUTER);
        assertNotification(second.expectNotification(PROMPTLY), Notification.CEASE, 7);
        second.expectClosed();

        first.send(Update.of(List.of(), List.of(PrefixKey.parse("10.11.0.0/16")),
                ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        awaitMap(m -> pidOf(m, "10.11.0.1").equals("area-01"));
        // Once the first session is gone, the peer may connect again.
        first.expectQuietUntilProvoked();
        ScriptedPeer third = establish(ROUTER, ROUTER_AS, 90);
        third.expectQuietUntilProvoked();
    }

    @Test
    void anOpenWithTheWrongAsIsBadPeerAs() throws Exception {
        assertOpenRefused(peerOpen(65099, 90), Notification.BAD_PEER_AS, Octets.EMPTY);
    }

    @Test
    void anOpenOfAnotherVersionIsUnsupportedVersionNumberNamingVersion4() throws Exception {
        Open open = peerOpen(ROUTER_AS, 90);
        assertOpenRefused(new Open(3, open.myAutonomousSystem(), 90, ROUTER_ID, open.capabilities()),
                Notification.UNSUPPORTED_VERSION_NUMBER, Octets.of((byte) 0, (byte) 4));
    }

    @Test
    void holdTimesOneAndTwoAreUnacceptable() throws Exception {
        assertOpenRefused(peerOpen(ROUTER_AS, 1), Notification.UNACCEPTABLE_HOLD_TIME, Octets.EMPTY);
        listener.close();
        feed.close();
        assertOpenRefused(peerOpen(ROUTER_AS, 2), Notification.UNACCEPTABLE_HOLD_TIME, Octets.EMPTY);
    }

    @Test
    void bgpIdentifierZeroIsBadBgpIdentifier() throws Exception {
        Open open = peerOpen(ROUTER_AS, 90);
        assertOpenRefused(new Open(4, open.myAutonomousSystem(), 90, 0, open.capabilities()),
                Notification.BAD_BGP_IDENTIFIER, Octets.EMPTY);
    }

    @Test
    void aBadMarkerIsConnectionNotSynchronized() throws Exception {
        byte[] keepalive = new BgpCodec(SessionOptions.DEFAULT).encode(Keepalive.INSTANCE);
        keepalive[3] = 0;
        assertHeaderError(keepalive, Notification.CONNECTION_NOT_SYNCHRONIZED, Octets.EMPTY);
    }

    @Test
    void aBadLengthIsBadMessageLengthCarryingTheLengthField() throws Exception {
        // A KEEPALIVE of 20 octets, then one claiming 4097 (over the 4096 maximum), then one of 18.
        assertHeaderError(hex(MARKER + "0014 04 00"), Notification.BAD_MESSAGE_LENGTH, Octets.of((byte) 0, (byte) 20));
        restart();
        assertHeaderError(hex(MARKER + "1001 02"), Notification.BAD_MESSAGE_LENGTH, Octets.of((byte) 0x10, (byte) 0x01));
        restart();
        assertHeaderError(hex(MARKER + "0012 04"), Notification.BAD_MESSAGE_LENGTH, Octets.of((byte) 0, (byte) 18));
    }

    @Test
    void anUnknownTypeIsBadMessageTypeCarryingTheType() throws Exception {
        assertHeaderError(hex(MARKER + "0013 09"), Notification.BAD_MESSAGE_TYPE, Octets.of((byte) 9));
    }

    @Test
    void anUpdateBeforeEstablishedIsAnFsmError() throws Exception {
        start(90, Duration.ofSeconds(60));
        // In OpenSent (the listener's OPEN is out, ours is not)
        ScriptedPeer peer = connect(ROUTER);
        peer.expect(Open.class);
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.11.0.0/16")), ipv4(ROUTER_AS).build()));
        assertThat(peer.expectNotification(PROMPTLY).code()).isEqualTo(Notification.FSM_ERROR);
        peer.expectClosed();

        // In OpenConfirm (OPENs exchanged, no KEEPALIVE from the peer yet)
        peer = connect(ROUTER);
        Open open = peer.expect(Open.class);
        peer.send(peerOpen(ROUTER_AS, 90));
        peer.expect(Keepalive.class);
        peer.negotiated(open, peerOpen(ROUTER_AS, 90));
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.11.0.0/16")), ipv4(ROUTER_AS).build()));
        assertThat(peer.expectNotification(PROMPTLY).code()).isEqualTo(Notification.FSM_ERROR);
        peer.expectClosed();
        assertThat(pidOf(routesNow(), "10.11.0.1")).as("no route taken").isEqualTo("external");
    }

    @Test
    void aMalformedMessageTheStateDoesNotExpectIsAnFsmErrorToo() throws Exception {
        start(90, Duration.ofSeconds(60));
        // RFC 4271 8.2.2, OpenSent and OpenConfirm: UpdateMsgErr (Event 28) is answered with an FSM error.
        ScriptedPeer peer = connect(ROUTER);
        peer.expect(Open.class);
        peer.sendRaw(update("", MANDATORY_ATTRIBUTES, "21 0a0b0c0d00"));
        assertNotification(peer.expectNotification(PROMPTLY), Notification.FSM_ERROR, 0);
        peer.expectClosed();

        peer = connect(ROUTER);
        Open open = peer.expect(Open.class);
        peer.send(peerOpen(ROUTER_AS, 90));
        peer.expect(Keepalive.class);
        peer.negotiated(open, peerOpen(ROUTER_AS, 90));
        peer.sendRaw(update("", MANDATORY_ATTRIBUTES, "21 0a0b0c0d00"));
        assertNotification(peer.expectNotification(PROMPTLY), Notification.FSM_ERROR, 0);
        peer.expectClosed();

        // Established: BGPOpenMsgErr (Event 22), here an OPEN with hold time 1, is an FSM error as well.
        peer = establish(ROUTER, ROUTER_AS, 90);
        peer.send(peerOpen(ROUTER_AS, 1));
        assertNotification(peer.expectNotification(PROMPTLY), Notification.FSM_ERROR, 0);
        peer.expectClosed();
    }

    @Test
    void anNlriPrefixLongerThan32BitsResetsTheSessionWithInvalidNetworkField() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 90);
        // ORIGIN IGP, AS_PATH 65001 (4-octet), NEXT_HOP 127.0.0.2; NLRI 10.11.12.13/33
        peer.sendRaw(update("", MANDATORY_ATTRIBUTES, "21 0a0b0c0d00"));
        assertNotification(peer.expectNotification(PROMPTLY), Notification.UPDATE_MESSAGE_ERROR, Notification.INVALID_NETWORK_FIELD);
        peer.expectClosed();
    }

    @Test
    void aMalformedCommunitiesAttributeWithdrawsTheRoutesAndKeepsTheSession() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 90);
        peer.sendRaw(update("", MANDATORY_ATTRIBUTES + "c0 08 04 fde80065", "10 0a15 10 0a16"));
        awaitMap(m -> pidOf(m, "10.21.0.1").equals("area-01") && pidOf(m, "10.22.0.1").equals("area-01"));

        // The same prefixes again with a COMMUNITIES attribute of 5 octets: RFC 7606 7.8 treat-as-withdraw.
        peer.sendRaw(update("", MANDATORY_ATTRIBUTES + "c0 08 05 fde8006500", "10 0a15 10 0a16"));
        awaitMap(m -> pidOf(m, "10.21.0.1").equals("external") && pidOf(m, "10.22.0.1").equals("external"));

        // The session is still up and still taking routes.
        peer.send(Keepalive.INSTANCE);
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.23.0.0/16")),
                ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        awaitMap(m -> pidOf(m, "10.23.0.1").equals("area-01"));
        peer.expectQuietUntilProvoked();
    }

    @Test
    void aRouteRefreshOfTheWrongLengthIsAnsweredEvenWhenItsDataWouldOverflowTheNotification() throws Exception {
        start(90, Duration.ofSeconds(60));
        // RFC 7313 5: ROUTE-REFRESH Message Error / Invalid Message Length, data = the message. A message
        // of 4096 octets does not fit in a NOTIFICATION (4096 at most): the data must be cut, not the answer.
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 90);
        byte[] refresh = new byte[4096];
        java.util.Arrays.fill(refresh, 0, 16, (byte) 0xFF);
        refresh[16] = 0x10;
        refresh[17] = 0x00;
        refresh[18] = BgpMessage.ROUTE_REFRESH;
        peer.sendRaw(refresh);
        Notification notification = peer.expectNotification(PROMPTLY);
        assertNotification(notification, Notification.ROUTE_REFRESH_MESSAGE_ERROR, Notification.INVALID_MESSAGE_LENGTH);
        assertThat(notification.data().length()).isEqualTo(4096 - 21);
        assertThat(notification.data()).isEqualTo(Octets.copyOf(refresh, 0, 4096 - 21));
        peer.expectClosed();

        // A short one carries the whole message.
        peer = establish(ROUTER, ROUTER_AS, 90);
        byte[] shortRefresh = hex(MARKER + "0016 05 000100");
        peer.sendRaw(shortRefresh);
        notification = peer.expectNotification(PROMPTLY);
        assertNotification(notification, Notification.ROUTE_REFRESH_MESSAGE_ERROR, Notification.INVALID_MESSAGE_LENGTH);
        assertThat(notification.data()).isEqualTo(Octets.of(shortRefresh));
        peer.expectClosed();
    }

    // ---------------------------------------------------------------- session loss

    @Test
    void aLostSessionsRoutesStayForTheHoldTimePlusGraceThenGo() throws Exception {
        start(3, Duration.ZERO);
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 3);
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.31.0.0/16")),
                ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:31::/48")),
                ipv6(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build()));
        awaitMap(m -> pidOf(m, "10.31.0.1").equals("area-01") && pidOf(m, "2001:db8:31::1").equals("area-01"));

        long lost = System.nanoTime();
        peer.close();
        NetworkMap map = awaitMap(m -> pidOf(m, "10.31.0.1").equals("external"));
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).as("hold time 3 s + grace 0")
                .isBetween(Duration.ofMillis(3000), Duration.ofMillis(6000));
        assertThat(pidOf(map, "2001:db8:31::1")).isEqualTo("external");
    }

    @Test
    void afterAReconnectEndOfRibForBothFamiliesDropsTheRoutesNotReannounced() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = establish(ROUTER, ROUTER_AS, 90);
        PathAttributes area1v4 = ipv4(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build();
        PathAttributes area1v6 = ipv6(ROUTER_AS).communities(List.of(Community.of(65000, 101))).build();
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("10.51.0.0/16"), PrefixKey.parse("10.52.0.0/16")), area1v4));
        peer.send(Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:51::/48"), PrefixKey.parse("2001:db8:52::/48")), area1v6));
        peer.sendRaw(endOfRibIpv4());
        peer.sendRaw(endOfRibIpv6());
        awaitMap(m -> pidOf(m, "10.52.0.1").equals("area-01") && pidOf(m, "2001:db8:52::1").equals("area-01"));
        peer.closeAndAwaitListenerClose();

        ScriptedPeer again = establish(ROUTER, ROUTER_AS, 90);
        again.send(Update.of(List.of(), List.of(PrefixKey.parse("10.51.0.0/16")), area1v4));
        again.send(Update.of(List.of(), List.of(PrefixKey.parse("2001:db8:51::/48")), area1v6));
        again.sendRaw(endOfRibIpv4());
        // Only one family has caught up: the stale routes must still be served.
        again.send(Keepalive.INSTANCE);
        assertThat(pidOf(routesNow(), "2001:db8:52::1")).isEqualTo("area-01");
        assertThat(pidOf(routesNow(), "10.52.0.1")).isEqualTo("area-01");
        again.sendRaw(endOfRibIpv6());
        NetworkMap map = awaitMap(m -> pidOf(m, "10.52.0.1").equals("external") && pidOf(m, "2001:db8:52::1").equals("external"));
        assertThat(pidOf(map, "10.51.0.1")).isEqualTo("area-01");
        assertThat(pidOf(map, "2001:db8:51::1")).isEqualTo("area-01");
        again.expectQuietUntilProvoked();
    }

    // ---------------------------------------------------------------- the listener's own life

    @Test
    void stoppingTheListenerSendsCeaseAdministrativeShutdownAndItsPortCanBeBoundAgainAtOnce() throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer established = establish(ROUTER, ROUTER_AS, 90);
        ScriptedPeer opening = connect(BIG_AS_ROUTER);
        opening.expect(Open.class);
        InetSocketAddress bound = listener.address();

        listener.close();
        // RFC 4271 8.2.2, ManualStop (Event 2) in OpenSent and Established: a NOTIFICATION with a Cease
        // (subcode 2, Administrative Shutdown, RFC 4486), then the connection is dropped.
        assertNotification(established.expectNotification(PROMPTLY), Notification.CEASE, 2);
        established.expectClosed();
        assertNotification(opening.expectNotification(PROMPTLY), Notification.CEASE, 2);
        opening.expectClosed();

        // The listener closed those connections, so they wait in TIME_WAIT on its port; a restarted
        // server must still be able to bind it.
        BgpConfig config = new BgpConfig(bound, LOCAL_AS, (Inet4Address) LOCAL, 90, Duration.ofSeconds(60),
                Duration.ofMillis(20), List.of(new BgpConfig.Peer(ROUTER, ROUTER_AS)),
                new PidRules(List.of(new PidRule.Community(65000, 101, "area-01")), "external"));
        listener = BgpListener.start(config, feed);
        assertThat(listener.address()).isEqualTo(bound);
        establish(ROUTER, ROUTER_AS, 90).expectQuietUntilProvoked();
    }

    // ---------------------------------------------------------------- helpers

    private void assertOpenRefused(Open open, int subcode, Octets data) throws Exception {
        start(90, Duration.ofSeconds(60));
        ScriptedPeer peer = connect(ROUTER);
        peer.expect(Open.class);
        peer.send(open);
        Notification notification = peer.expectNotification(PROMPTLY);
        assertNotification(notification, Notification.OPEN_MESSAGE_ERROR, subcode);
        assertThat(notification.data()).isEqualTo(data);
        peer.expectClosed();
    }

    private void assertHeaderError(byte[] bytes, int subcode, Octets data) throws Exception {
        if (listener == null) {
            start(90, Duration.ofSeconds(60));
        }
        ScriptedPeer peer = connect(ROUTER);
        peer.expect(Open.class);
        peer.sendRaw(bytes);
        Notification notification = peer.expectNotification(PROMPTLY);
        assertNotification(notification, Notification.MESSAGE_HEADER_ERROR, subcode);
        assertThat(notification.data()).isEqualTo(data);
        peer.expectClosed();
    }

    private static void assertNotification(Notification notification, int code, int subcode) {
        assertThat(notification.code()).as("error code of " + notification).isEqualTo(code);
        assertThat(notification.subcode()).as("error subcode of " + notification).isEqualTo(subcode);
    }

    private void start(int holdTime, Duration grace) throws InterruptedException {
        BgpConfig config = new BgpConfig(new InetSocketAddress(LOCAL, 0), LOCAL_AS, (Inet4Address) LOCAL, holdTime,
                grace, Duration.ofMillis(20),
                List.of(new BgpConfig.Peer(ROUTER, ROUTER_AS), new BgpConfig.Peer(BIG_AS_ROUTER, BIG_AS),
                        new BgpConfig.Peer(NO_HOLD_ROUTER, 65004)),
                new PidRules(List.of(new PidRule.Community(65000, 101, "area-01"),
                        new PidRule.LargeCommunity(65000, 1, 102, "area-02")), "external"));
        feed = new BgpFeed(config, new Publisher(informationBase, base().build(), false, Runnable::run, Ticker.system()));
        feed.start(false);
        listener = BgpListener.start(config, feed);
    }

    /** A fresh listener (and feed) for the next case of the same test. */
    private void restart() throws InterruptedException {
        listener.close();
        feed.close();
        start(90, Duration.ofSeconds(60));
    }

    private ScriptedPeer connect(InetAddress source) throws IOException {
        ScriptedPeer peer = new ScriptedPeer(source, listener.address());
        peers.add(peer);
        return peer;
    }

    /** Connects and runs the OPEN / KEEPALIVE exchange to Established. */
    private ScriptedPeer establish(InetAddress source, long asNumber, int holdTime) throws IOException {
        ScriptedPeer peer = connect(source);
        Open open = peer.expect(Open.class);
        Open ours = peerOpen(asNumber, holdTime);
        peer.send(ours);
        peer.expect(Keepalive.class);
        peer.negotiated(open, ours);
        peer.send(Keepalive.INSTANCE);
        return peer;
    }

    private static Open peerOpen(long asNumber, int holdTime) {
        return Open.of(asNumber, holdTime, ROUTER_ID,
                List.of(Capability.Multiprotocol.IPV4_UNICAST, Capability.Multiprotocol.IPV6_UNICAST));
    }

    private static PathAttributes.Builder ipv4(long asNumber) {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asNumber))
                .nextHop((Inet4Address) ROUTER);
    }

    private static PathAttributes.Builder ipv6(long asNumber) {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asNumber))
                .mpNextHop(List.of(address("2001:db8::2")));
    }

    private static final String MARKER = "ffffffffffffffffffffffffffffffff";
    /** ORIGIN IGP, AS_PATH AS_SEQUENCE 65001 in 4-octet form, NEXT_HOP 127.0.0.2. */
    private static final String MANDATORY_ATTRIBUTES = "40 01 01 00" + "40 02 06 02 01 0000fde9" + "40 03 04 7f000002";

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    /** OPEN, KEEPALIVE or an End-of-RIB marker: what the listener may send. */
    private static boolean announcesNothing(BgpMessage message) {
        return message instanceof Open || message instanceof Keepalive || isEndOfRib(message);
    }

    /** An empty UPDATE (RFC 4724 2), which the listener sends for each family once Established. */
    private static boolean isEndOfRib(BgpMessage message) {
        return message instanceof Update update && update.announced().isEmpty() && update.withdrawn().isEmpty();
    }

    /** An UPDATE from hex fields, lengths computed. */
    private static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = hex(withdrawn);
        byte[] a = hex(attributes);
        String body = String.format("%04x", w.length) + HexFormat.of().formatHex(w) + String.format("%04x", a.length)
                + HexFormat.of().formatHex(a) + nlri.replaceAll("\\s", "");
        return hex(MARKER + String.format("%04x%02x", 19 + hex(body).length, BgpMessage.UPDATE) + body);
    }

    /** RFC 4724 section 2: an UPDATE with nothing in it. */
    private static byte[] endOfRibIpv4() {
        return update("", "", "");
    }

    /** RFC 4724 section 2: an UPDATE whose only attribute is an empty MP_UNREACH_NLRI for IPv6 unicast. */
    private static byte[] endOfRibIpv6() {
        return update("", "80 0f 03 0002 01", "");
    }

    /** Waits for the publications until one meets {@code condition}; the sessions are real I/O. */
    private NetworkMap awaitMap(Predicate<NetworkMap> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        NetworkMap current = informationBase.current().networkMap();
        while (!condition.test(current)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || published.poll(left, TimeUnit.NANOSECONDS) == null) {
                NetworkMap last = informationBase.current().networkMap();
                throw new AssertionError("no such map published within 10 s; current: " + last.pidNames().stream()
                        .map(pid -> pid + "=" + last.prefixes(last.indexOf(pid).orElseThrow(), AddressFamily.IPV4)
                                + last.prefixes(last.indexOf(pid).orElseThrow(), AddressFamily.IPV6)).toList());
            }
            current = informationBase.current().networkMap();
        }
        return current;
    }

    /** The map the publisher would build from the feed's routes right now. */
    private NetworkMap routesNow() {
        Snapshot network = base().build();
        Snapshot.Builder builder = network.toBuilder();
        feed.routesNow().addTo(builder, network);
        return builder.build().networkMap();
    }

    private static String pidOf(NetworkMap map, String address) {
        return map.pidName(map.lookup(IpPrefix.parse(address).address()));
    }

    private static Snapshot.Builder base() {
        return Snapshot.builder().defaultPid("external")
                .pid("area-01", List.of())
                .pid("area-02", List.of())
                .cost("routingcost", "area-01", "area-02", 5);
    }

    private static InetAddress address(String text) {
        return IpPrefix.parse(text).address();
    }

    /** The other end of a session: a socket bound to a loopback source address, reading with deadlines. */
    private static final class ScriptedPeer implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private BgpCodec codec = new BgpCodec(SessionOptions.DEFAULT);
        /** Every message the listener sent, in order. */
        final List<BgpMessage> received = new ArrayList<>();

        ScriptedPeer(InetAddress source, InetSocketAddress listener) throws IOException {
            socket = new Socket();
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(listener, 2000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void negotiated(Open local, Open remote) {
            codec = new BgpCodec(SessionOptions.negotiated(local, remote));
        }

        void send(BgpMessage message) throws IOException {
            sendRaw(codec.encode(message));
        }

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /**
         * The next message, or null if none arrives within {@code timeout}; fails on EOF. The
         * End-of-RIB markers the listener sends once Established (RFC 4724) are kept in {@link
         * #received} but skipped, so the scripts read as the state machine.
         */
        BgpMessage read(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                BgpMessage message = readAny(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (!isEndOfRib(message)) {
                    return message;
                }
            }
        }

        private BgpMessage readAny(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first;
            try {
                first = readByte();
            } catch (SocketTimeoutException e) {
                return null;
            }
            return readMessage(first);
        }

        /** The rest of a message whose first octet was {@code first}; added to {@link #received}. */
        private BgpMessage readMessage(int first) throws IOException {
            socket.setSoTimeout((int) PROMPTLY.toMillis());
            byte[] header = new byte[BgpCodec.HEADER_LENGTH];
            header[0] = (byte) first;
            in.readFully(header, 1, header.length - 1);
            assertThat(codec.checkHeader(header, 0)).as("header of a message from the listener").isEmpty();
            byte[] message = new byte[BgpCodec.messageLength(header, 0)];
            System.arraycopy(header, 0, message, 0, header.length);
            in.readFully(message, header.length, message.length - header.length);
            DecodeResult result = codec.decode(message);
            assertThat(result).as("a message from the listener").isInstanceOf(DecodeResult.Success.class);
            BgpMessage decoded = ((DecodeResult.Success) result).message();
            received.add(decoded);
            return decoded;
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the listener closed the connection; received so far: " + received);
            }
            return b;
        }

        <T extends BgpMessage> T expect(Class<T> type) throws IOException {
            BgpMessage message = read(PROMPTLY);
            assertThat(message).as("expected a " + type.getSimpleName() + " within " + PROMPTLY).isInstanceOf(type);
            return type.cast(message);
        }

        /** Skips KEEPALIVEs until a NOTIFICATION arrives. */
        Notification expectNotification(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("a NOTIFICATION within " + timeout + "; received " + received).isPositive();
                BgpMessage message = read(Duration.ofNanos(left));
                if (message instanceof Notification notification) {
                    return notification;
                }
                assertThat(message).as("only KEEPALIVEs before the NOTIFICATION").isInstanceOfAny(Keepalive.class, Notification.class);
            }
        }

        /**
         * The listener sent nothing but KEEPALIVEs, and nothing the messages so far caused is on its
         * way: decided, not waited for. A message of an unknown type goes last; the listener reads in
         * order, so its answer (Message Header Error / Bad Message Type, RFC 4271 6.1) comes after
         * anything the earlier messages made it send, and must be the next message. It ends the session.
         *
         * @return every message the listener sent before that answer
         */
        List<BgpMessage> expectQuietUntilProvoked() throws IOException {
            sendRaw(hex(MARKER + "0013 09"));
            Notification answer = expectNotification(PROMPTLY);
            assertThat(answer.code()).as("the answer to the provocation, not to an earlier message; received " + received)
                    .isEqualTo(Notification.MESSAGE_HEADER_ERROR);
            assertThat(answer.subcode()).isEqualTo(Notification.BAD_MESSAGE_TYPE);
            List<BgpMessage> before = List.copyOf(received.subList(0, received.size() - 1));
            expectClosed();
            return before;
        }

        /** The listener closes the connection (EOF or reset) promptly, sending nothing more. */
        void expectClosed() throws IOException {
            socket.setSoTimeout((int) PROMPTLY.toMillis());
            try {
                // The End-of-RIB markers the listener sends once Established may still be on their way.
                for (int b = in.read(); b >= 0; b = in.read()) {
                    assertThat(readMessage(b)).as("nothing but End-of-RIB markers before the end of stream; received " + received)
                            .matches(BgpSessionTest::isEndOfRib);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the listener did not close the connection within " + PROMPTLY, e);
            } catch (SocketException e) {
                // connection reset: closed as well
            }
        }

        /**
         * Closes our side and waits for the listener to close its side too. A reconnect must wait for
         * this: the listener holds one session per peer from accept on, and a new connection that
         * reaches it before the old one's FIN has been read is refused with Cease / Connection
         * Collision Resolution (RFC 4271 6.8 keeps an Established session over a newcomer).
         */
        void closeAndAwaitListenerClose() throws IOException {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + PROMPTLY.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    assertThat(left).as("the listener closes after our FIN").isPositive();
                    socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                    if (in.read() < 0) {
                        break;
                    }
                }
            } catch (SocketException e) {
                // reset: closed as well
            }
            close();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
