package io.altokit.tracker;

import io.altokit.core.net.ListenException;
import io.altokit.core.net.UriHost;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * BitTorrent HTTP on one port (Netty, epoll when available): the tracker's {@code /announce},
 * {@code /scrape} and {@code /metrics}, or the peer proxy's.
 */
public final class TrackerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerServer.class);
    /** Request lines longer than this (a tracker URL with a few 20-byte ids fits in far less) get 414. */
    static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_HEADERS_BYTES = 8192;
    private static final int IDLE_TIMEOUT_SECONDS = 60;

    private final EventLoopGroup loops;
    private final Channel listener;

    private final String name;

    private TrackerServer(String name, String bindAddress, int port, int ioThreads, Routes routes) throws InterruptedException {
        this.name = name;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        loops = new MultiThreadIoEventLoopGroup(ioThreads, io);
        TrackerHttpHandler handler = new TrackerHttpHandler(routes);
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new ReadTimeoutHandler(IDLE_TIMEOUT_SECONDS))
                                .addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS_BYTES, 8192))
                                .addLast(handler);
                    }
                });
        try {
            listener = bootstrap.bind(bindAddress, port).sync().channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw ListenException.of(bindAddress, port, e);
        }
        LOG.atInfo().addKeyValue("address", address().getAddress().getHostAddress() + ":" + address().getPort()).addKeyValue("transport", epoll ? "epoll" : "nio")
                .log("{} listening; announce URL {}", name, announceUri());
    }

    /** Binds and serves the tracker; port 0 picks a free port. */
    public static TrackerServer start(String bindAddress, int port, int ioThreads, Tracker tracker) throws InterruptedException {
        return new TrackerServer("tracker", bindAddress, port, ioThreads, tracker::route);
    }

    /** Binds and serves {@code routes}, called {@code name} in the logs; port 0 picks a free port. */
    public static TrackerServer start(String name, String bindAddress, int port, int ioThreads, Routes routes) throws InterruptedException {
        return new TrackerServer(name, bindAddress, port, ioThreads, routes);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The announce URL to put in torrents (on loopback when listening on every interface). */
    public URI announceUri() {
        InetSocketAddress address = address();
        return URI.create("http://" + UriHost.of(address.getAddress()) + ":" + address.getPort() + "/announce");
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        LOG.info("{} stopped", name);
    }
}
