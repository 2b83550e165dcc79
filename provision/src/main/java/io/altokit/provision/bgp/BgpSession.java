package io.altokit.provision.bgp;

import io.altokit.core.PrefixKey;
import io.altokit.core.time.ThrottledWarning;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.BgpMessage;
import io.altokit.provision.bgp.message.Attributes;
import io.altokit.provision.bgp.message.Capability;
import io.altokit.provision.bgp.message.DecodeResult;
import io.altokit.provision.bgp.message.Keepalive;
import io.altokit.provision.bgp.message.Notification;
import io.altokit.provision.bgp.message.Octets;
import io.altokit.provision.bgp.message.Open;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.RawAttribute;
import io.altokit.provision.bgp.message.RouteRefresh;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One passive BGP-4 session (RFC 4271 section 8) with a configured peer: it answers the peer's
 * OPEN, keeps the session alive, hands every UPDATE to the {@link BgpFeed}, and never announces a
 * route. States: OpenSent (our OPEN is out) -> OpenConfirm (theirs accepted, our KEEPALIVE out) ->
 * Established (their first KEEPALIVE); any error sends the NOTIFICATION the RFC names and closes.
 */
final class BgpSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BgpSession.class);
    /** RFC 4271 section 8: a large hold timer until the OPEN has arrived. */
    static final int OPEN_HOLD_TIME_SECONDS = 240;
    private static final int CEASE_ADMINISTRATIVE_SHUTDOWN = 2;
    private static final int CEASE_CONNECTION_REJECTED = 5;
    private static final int CEASE_CONNECTION_COLLISION = 7;
    /**
     * RFC 4724 section 3: Restart Flags 0, Restart Time 0 and no address families: we preserve no
     * forwarding state but keep a lost peer's routes as stale and drop those not re-announced by
     * its End-of-RIB. Some speakers (GoBGP) send End-of-RIB only to peers advertising this.
     */
    static final Capability GRACEFUL_RESTART_RECEIVER = new Capability.Unknown(Capability.GRACEFUL_RESTART,
            Octets.of((byte) 0, (byte) 0));

    enum State { IDLE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED, CLOSED }

    /** User event from {@link BgpListener#close()}: end the session with a Cease (ManualStop). */
    static final Object STOP = new Object() {
        @Override
        public String toString() {
            return "STOP";
        }
    };

    private final BgpConfig config;
    private final BgpFeed feed;
    /** Peers with a session right now, shared by all sessions: one session per peer. */
    private final Set<InetAddress> connectedPeers;
    /** Shared by the listener's sessions. */
    private final ThrottledWarning refusedConnections;

    private BgpCodec codec = new BgpCodec(SessionOptions.DEFAULT);
    private State state = State.IDLE;
    private BgpConfig.Peer peer;
    private Open localOpen;
    private int holdTime;
    private List<Capability.Multiprotocol> families = List.of();
    private int endOfRibsExpected;
    private int endOfRibsSeen;
    /** Whether the session reached Established, so the feed holds routes from it. */
    private boolean wasEstablished;
    private ScheduledFuture<?> keepalives;

    BgpSession(BgpConfig config, BgpFeed feed, Set<InetAddress> connectedPeers, ThrottledWarning refusedConnections) {
        this.config = config;
        this.feed = feed;
        this.connectedPeers = connectedPeers;
        this.refusedConnections = refusedConnections;
    }

    State state() {
        return state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        var configured = config.peer(remote);
        if (configured.isEmpty()) {
            // Anyone who reaches the port can cause this: logged at a bounded rate.
            refusedConnections.occurred().ifPresent(count -> LOG.atWarn().addKeyValue("remote", remote.getHostAddress())
                    .addKeyValue("refused", count)
                    .log("refused a BGP connection from an unconfigured address ({} refused since the last such warning)", count));
            fail(ctx, Notification.of(Notification.CEASE, CEASE_CONNECTION_REJECTED), "not a configured peer");
            return;
        }
        if (!connectedPeers.add(remote)) {
            fail(ctx, Notification.of(Notification.CEASE, CEASE_CONNECTION_COLLISION), "the peer already has a session");
            return;
        }
        peer = configured.get();
        localOpen = Open.of(config.localAs(), config.holdTimeSeconds(), routerId(),
                List.of(Capability.Multiprotocol.IPV4_UNICAST, Capability.Multiprotocol.IPV6_UNICAST, GRACEFUL_RESTART_RECEIVER));
        send(ctx, localOpen);
        moveTo(State.OPEN_SENT);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (state == State.CLOSED) {
            return;
        }
        if (message instanceof byte[] bytes && !expected(bytes[BgpCodec.HEADER_LENGTH - 1] & 0xFF)) {
            // RFC 4271 8.2.2: a message the state does not expect is an FSM error even when it is
            // malformed (UpdateMsgErr in OpenSent / OpenConfirm, BGPOpenMsgErr in Established), so
            // the type decides before the body is decoded.
            fail(ctx, Notification.of(Notification.FSM_ERROR, 0),
                    "unexpected message of type " + (bytes[BgpCodec.HEADER_LENGTH - 1] & 0xFF) + " in state " + state);
            return;
        }
        DecodeResult result = message instanceof DecodeResult.Failure failure ? failure : codec.decode((byte[]) message);
        switch (result) {
            case DecodeResult.Failure failure -> fail(ctx, failure.notification(), failure.reason());
            case DecodeResult.Success success -> receive(ctx, success.message());
        }
    }

    /** Whether the current state takes a message of this type (the header check has vetted the type). */
    private boolean expected(int type) {
        return switch (state) {
            case OPEN_SENT -> type == BgpMessage.OPEN || type == BgpMessage.NOTIFICATION;
            case OPEN_CONFIRM -> type == BgpMessage.KEEPALIVE || type == BgpMessage.NOTIFICATION;
            case ESTABLISHED -> type != BgpMessage.OPEN;
            case IDLE, CLOSED -> true;
        };
    }

    private void receive(ChannelHandlerContext ctx, BgpMessage message) {
        switch (message) {
            case Open open when state == State.OPEN_SENT -> acceptOpen(ctx, open);
            case Keepalive keepalive when state == State.OPEN_CONFIRM -> established(ctx);
            case Keepalive keepalive when state == State.ESTABLISHED -> { } // resets the hold timer by arriving
            case Update update when state == State.ESTABLISHED -> receiveUpdate(update);
            case RouteRefresh refresh when state == State.ESTABLISHED -> { } // we announce nothing to refresh
            case Notification notification -> {
                LOG.atWarn().addKeyValue("peer", peerName()).addKeyValue("notification", notification.toString())
                        .log("the peer closed the BGP session with a NOTIFICATION");
                state = State.CLOSED;
                ctx.close();
            }
            default -> fail(ctx, Notification.of(Notification.FSM_ERROR, 0),
                    "unexpected " + message.getClass().getSimpleName() + " in state " + state);
        }
    }

    private void acceptOpen(ChannelHandlerContext ctx, Open open) {
        if (open.version() != Open.VERSION) {
            fail(ctx, new Notification(Notification.OPEN_MESSAGE_ERROR, Notification.UNSUPPORTED_VERSION_NUMBER,
                    Octets.of((byte) 0, (byte) Open.VERSION)), "BGP version " + open.version());
        } else if (open.autonomousSystem() != peer.remoteAs()) {
            fail(ctx, Notification.of(Notification.OPEN_MESSAGE_ERROR, Notification.BAD_PEER_AS),
                    "the peer says AS " + open.autonomousSystem() + ", configured remote-as is " + peer.remoteAs());
        } else if (open.holdTime() == 1 || open.holdTime() == 2) {
            fail(ctx, Notification.of(Notification.OPEN_MESSAGE_ERROR, Notification.UNACCEPTABLE_HOLD_TIME),
                    "hold time " + open.holdTime());
        } else if (open.bgpIdentifier() == 0 || open.bgpIdentifier() == localOpen.bgpIdentifier()) {
            fail(ctx, Notification.of(Notification.OPEN_MESSAGE_ERROR, Notification.BAD_BGP_IDENTIFIER),
                    "BGP identifier " + open.bgpIdentifier());
        } else {
            codec = new BgpCodec(SessionOptions.negotiated(localOpen, open));
            holdTime = Math.min(config.holdTimeSeconds(), open.holdTime());
            families = sharedFamilies(open);
            endOfRibsExpected = families.size();
            send(ctx, Keepalive.INSTANCE);
            moveTo(State.OPEN_CONFIRM);
            holdTimer(ctx, holdTime);
            if (holdTime > 0) {
                long interval = Math.max(1, holdTime / 3);
                keepalives = ctx.executor().scheduleAtFixedRate(() -> send(ctx, Keepalive.INSTANCE),
                        interval, interval, TimeUnit.SECONDS);
            }
        }
    }

    /** Address families both OPENs list (RFC 4760); without multiprotocol capabilities, IPv4 unicast. */
    private List<Capability.Multiprotocol> sharedFamilies(Open remote) {
        if (remote.capabilities().stream().noneMatch(c -> c instanceof Capability.Multiprotocol)) {
            return List.of(Capability.Multiprotocol.IPV4_UNICAST);
        }
        Set<Capability> ours = new HashSet<>(localOpen.capabilities());
        List<Capability.Multiprotocol> shared = new ArrayList<>();
        for (Capability capability : remote.capabilities()) {
            if (capability instanceof Capability.Multiprotocol family && ours.contains(family)) {
                shared.add(family);
            }
        }
        return shared;
    }

    private void established(ChannelHandlerContext ctx) {
        moveTo(State.ESTABLISHED);
        wasEstablished = true;
        LOG.atInfo().addKeyValue("peer", peerName()).addKeyValue("remote_as", peer.remoteAs())
                .addKeyValue("hold_time", holdTime).log("BGP session established");
        // We announce nothing, so our initial update is complete at once (RFC 4724 section 2). A
        // restarting peer waits for these before it sends its routes.
        families.forEach(family -> send(ctx, endOfRib(family)));
    }

    /** IPv4 unicast: an UPDATE with nothing in it; other families: only an empty MP_UNREACH_NLRI. */
    static Update endOfRib(Capability.Multiprotocol family) {
        if (family.equals(Capability.Multiprotocol.IPV4_UNICAST)) {
            return Update.of(List.of(), List.of(), PathAttributes.EMPTY);
        }
        return Update.of(List.of(), List.of(), PathAttributes.builder()
                .other(new RawAttribute(Attributes.OPTIONAL, Attributes.MP_UNREACH_NLRI, Octets.of(
                        (byte) (family.afi() >>> 8), (byte) family.afi(), (byte) family.safi())))
                .build());
    }

    private void receiveUpdate(Update update) {
        LOG.atDebug().addKeyValue("peer", peerName()).addKeyValue("withdrawn", update.withdrawn().size())
                .addKeyValue("announced", update.announced().size()).addKeyValue("attributes", () -> update.attributes().toString())
                .log("UPDATE");
        if (update.withdrawn().isEmpty() && update.announced().isEmpty()) {
            // End-of-RIB (RFC 4724): once every family has sent it, routes not re-announced can go.
            if (++endOfRibsSeen == endOfRibsExpected) {
                feed.endOfRib(peer.address());
            }
            return;
        }
        if (!update.problems().isEmpty()) {
            LOG.atWarn().addKeyValue("peer", peerName()).addKeyValue("problems", update.problems().toString())
                    .log("malformed UPDATE attributes; its routes are treated as withdrawn (RFC 7606)");
        }
        feed.update(peer.address(), update.withdrawn(), update.announced(), new UpdateRoute(update.attributes()));
    }

    /** Replaces the pipeline's read-idle timer (hold time 0: none). */
    private static void holdTimer(ChannelHandlerContext ctx, int seconds) {
        ctx.pipeline().replace(IdleStateHandler.class, "hold-timer", new IdleStateHandler(seconds, 0, 0, TimeUnit.SECONDS));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && state != State.CLOSED) {
            fail(ctx, Notification.of(Notification.HOLD_TIMER_EXPIRED, 0), "hold timer expired");
        } else if (event == STOP && state != State.CLOSED) {
            fail(ctx, Notification.of(Notification.CEASE, CEASE_ADMINISTRATIVE_SHUTDOWN), "the listener stops");
        } else if (event == STOP) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (keepalives != null) {
            keepalives.cancel(false);
        }
        if (peer != null) {
            connectedPeers.remove(peer.address());
            if (wasEstablished) {
                feed.sessionLost(peer.address(), Duration.ofSeconds(holdTime));
            }
            LOG.atInfo().addKeyValue("peer", peerName()).log("BGP connection closed");
            feed.sessionState(peer.address(), State.CLOSED);
        }
        state = State.CLOSED;
    }

    /** A step of the FSM of a configured peer's session, which the feed reports. */
    private void moveTo(State next) {
        state = next;
        feed.sessionState(peer.address(), next);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.atWarn().addKeyValue("peer", peerName()).setCause(cause).log("BGP connection failed");
        state = State.CLOSED;
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, Notification given, String reason) {
        // Data that is a whole message (RFC 7313 ROUTE-REFRESH error) can exceed what a NOTIFICATION
        // holds (RFC 4271 4.5: header, code, subcode); send as much of it as fits.
        int room = codec.options().maxMessageLength() - BgpCodec.HEADER_LENGTH - 2;
        Notification notification = given.data().length() <= room ? given
                : new Notification(given.code(), given.subcode(), Octets.copyOf(given.data().toByteArray(), 0, room));
        LOG.atWarn().addKeyValue("peer", peerName()).addKeyValue("notification", notification.toString())
                .addKeyValue("reason", reason).log("closing the BGP session");
        state = State.CLOSED;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(codec.encode(notification))).addListener(ChannelFutureListener.CLOSE);
    }

    private void send(ChannelHandlerContext ctx, BgpMessage message) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(codec.encode(message)));
    }

    private long routerId() {
        byte[] bytes = config.routerId().getAddress();
        return (bytes[0] & 0xFFL) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
    }

    private String peerName() {
        return peer == null ? "?" : peer.address().getHostAddress();
    }
}
