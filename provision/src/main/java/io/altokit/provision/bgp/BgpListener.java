package io.altokit.provision.bgp;

import io.altokit.core.net.ListenException;
import io.altokit.core.time.ThrottledWarning;
import io.altokit.core.time.Ticker;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.SessionOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The passive BGP listener: accepts TCP sessions from the configured peers on {@code bgp.listen}
 * and runs one {@link BgpSession} each, on a single event loop thread (sessions are few; the route
 * work happens on the feed's thread).
 */
public final class BgpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpListener.class);
    /** Connections from unconfigured addresses are reported at most this often. */
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

    private final EventLoopGroup loop;
    private final Channel channel;
    /** The open sessions' connections (a closed one leaves by itself). */
    private final ChannelGroup sessions;

    private BgpListener(BgpConfig config, BgpFeed feed) throws InterruptedException {
        loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        sessions = new DefaultChannelGroup("bgp-sessions", loop.next());
        Set<InetAddress> connectedPeers = ConcurrentHashMap.newKeySet();
        ThrottledWarning refusedConnections = new ThrottledWarning(REFUSAL_LOG_INTERVAL, Ticker.system());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        sessions.add(channel);
                        channel.pipeline()
                                .addLast("hold-timer", new IdleStateHandler(BgpSession.OPEN_HOLD_TIME_SECONDS, 0, 0, TimeUnit.SECONDS))
                                .addLast(new BgpFrameDecoder(new BgpCodec(SessionOptions.DEFAULT)))
                                .addLast(new BgpSession(config, feed, connectedPeers, refusedConnections));
                    }
                });
        try {
            channel = bootstrap.bind(config.listen()).sync().channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw ListenException.of(config.listen(), e);
        }
        LOG.atInfo().addKeyValue("address", address().toString()).addKeyValue("local_as", config.localAs())
                .addKeyValue("peers", config.peers().size()).log("BGP listener waiting for peers");
    }

    /** Binds {@code bgp.listen} (port 0 picks a free port) and accepts sessions until closed. */
    public static BgpListener start(BgpConfig config, BgpFeed feed) throws InterruptedException {
        return new BgpListener(config, feed);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Stops accepting, ends every session with a NOTIFICATION Cease / Administrative Shutdown (RFC
     * 4271 8.2.2 ManualStop, RFC 4486) and closes its connection, then stops the event loop. Shutting
     * the loop down alone leaves the sessions' sockets open, so the routers would only notice when
     * their hold timers expire.
     */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        sessions.forEach(session -> session.pipeline().fireUserEventTriggered(BgpSession.STOP));
        if (!sessions.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS)) {
            sessions.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
