package io.altokit.server;

import io.altokit.core.net.ListenException;
import io.altokit.core.net.UriHost;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Scheduler;
import io.altokit.core.time.ThrottledWarning;
import io.altokit.core.time.Ticker;
import io.altokit.server.ops.Operations;
import io.altokit.server.ops.ServerMetrics;
import io.altokit.server.ops.SnapshotMetrics;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Protection;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The ALTO HTTP server: Netty event loops answering every request on the loop thread that read it
 * (answers are pure computation over an immutable snapshot, so there is nothing to block on) — or,
 * with a concurrency limit, behind {@link Admission}, which sheds what is beyond and hands what is not
 * cheap to worker threads.
 * HTTPS (HTTP/2 or HTTP/1.1 by ALPN, optionally mutual TLS) when the config has a {@link TlsConfig}.
 * The operator's endpoints ({@link Operations}: metrics, health, readiness, dashboard) are answered on
 * the main listener behind the protection layer, or on an admin listener of their own.
 */
public final class AltoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AltoServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** Unexpected connection errors (which a remote party may cause at will) are logged at most this often. */
    private static final Duration CONNECTION_ERROR_LOG_INTERVAL = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Dispatcher dispatcher;
    private final EventLoopGroup loops;
    private final Channel listener;
    private final Optional<Channel> adminListener;
    private final Optional<Admission> admission;
    private final AccessLog accessLog;
    private final SnapshotMetrics snapshotMetrics;

    private AltoServer(ServerConfig config, InformationBase informationBase, Protection protection, Operations operations,
                       RequestDeadline.Clock deadlines, AccessLog accessLog) throws InterruptedException {
        this.config = config;
        // First, so that a bad certificate or key fails the start before any thread exists.
        Optional<SslContext> tls = config.tls().map(ServerTls::context);
        Ticker ticker = Ticker.system();
        AdminResources adminResources = AdminResources.of(operations, informationBase);
        this.dispatcher = new Dispatcher(informationBase, config, protection, ticker,
                UpdateStreams.withSystemTimers(config.updateStreams()), TipsViews.withSystemTimers(config.tips()),
                operations.adminListen().isPresent() ? AdminResources.none() : adminResources, operations.metrics());
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.loops = new MultiThreadIoEventLoopGroup(ioThreads(config), io);
        this.admission = config.maxConcurrentRequests() > 0
                ? Optional.of(new Admission(config.maxConcurrentRequests(), workerThreads(config), config.adaptiveConcurrency(),
                        ticker, Scheduler.on(loops)))
                : Optional.<Admission>empty();
        this.accessLog = accessLog;
        HttpHandler handler = new HttpHandler(dispatcher, admission, new ThrottledWarning(CONNECTION_ERROR_LOG_INTERVAL, ticker));
        ConnectionSetup connections = new ConnectionSetup(config, tls, handler, admission,
                accessLog, operations.metrics(), ticker, deadlines);
        this.snapshotMetrics = SnapshotMetrics.register(operations.metrics().registry(), informationBase, ticker);
        registerStreamGauges(operations.metrics());
        Optional<Channel> main = Optional.empty();
        try {
            main = Optional.of(bind(channelType, connections, config.bindAddress(), config.port()));
            this.listener = main.get();
            // Plain HTTP; the operator's endpoints without protection, the rest as on the main listener; no admission limit.
            this.adminListener = operations.adminListen().isEmpty() ? Optional.empty() : Optional.of(bind(channelType,
                    new ConnectionSetup(config, Optional.empty(), new HttpHandler(adminResources.answeringFirst(dispatcher),
                            Optional.empty(), new ThrottledWarning(CONNECTION_ERROR_LOG_INTERVAL, ticker)),
                            Optional.empty(), accessLog, operations.metrics(), ticker, deadlines),
                    operations.adminListen().get().getHostString(), operations.adminListen().get().getPort()));
        } catch (InterruptedException | RuntimeException e) {
            main.ifPresent(channel -> channel.close().awaitUninterruptibly());
            dispatcher.close();
            snapshotMetrics.close();
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            admission.ifPresent(Admission::close);
            accessLog.close();
            throw e;
        }
        String listening = printed(address()); // 0:0:0:0:0:0:0:0 for every interface
        LOG.atInfo().addKeyValue("address", listening).addKeyValue("transport", epoll ? "epoll" : "nio")
                .addKeyValue("tls", tls.map(ServerTls::engineOf).map(TlsEngine::name).orElse("off"))
                .log("ALTO server listening on {}", listening);
        adminAddress().ifPresent(admin -> LOG.atInfo().addKeyValue("address", printed(admin))
                .log("metrics, health, readiness and dashboard on the admin listener {}", printed(admin)));
    }

    private static String printed(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private Channel bind(Class<? extends ServerChannel> channelType, ConnectionSetup connections, String host, int port)
            throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(connections);
        try {
            return bootstrap.bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            throw ListenException.of(host, port, e);
        }
    }

    /** Open update streams and TIPS views, read at each scrape. */
    private void registerStreamGauges(ServerMetrics metrics) {
        GaugeWithCallback.builder().name("alto_update_streams").help("RFC 8895 update streams open")
                .callback(callback -> callback.call(dispatcher.updateStreams())).register(metrics.registry());
        GaugeWithCallback.builder().name("alto_tips_views").help("RFC 9569 TIPS views open")
                .callback(callback -> callback.call(dispatcher.tipsViews())).register(metrics.registry());
    }

    /**
     * The ids of the resources a server with {@code config} offers for {@code snapshot} before any
     * privacy policy withholds some, and the operator's endpoints ({@code metrics}, {@code health},
     * {@code ui}): the names access rules may grant. Sorted.
     */
    public static Set<String> resourceIds(ServerConfig config, Snapshot snapshot) {
        Scheduler never = (task, delay) -> () -> { };
        try (UpdateStreams none = new UpdateStreams(UpdateStreams.Limits.DEFAULTS, never);
             TipsViews noViews = new TipsViews(TipsViews.Limits.DEFAULTS, Ticker.system(), never)) {
            Set<String> ids = new TreeSet<>(new Catalog(snapshot, config, PrivacyPolicy.FULL, new EncodedMaps(), none, noViews)
                    .resourceIds());
            ids.addAll(AdminResources.IDS);
            return ids;
        }
    }

    /** Binds and starts serving; port 0 picks a free port (see {@link #address()}). */
    public static AltoServer start(ServerConfig config, InformationBase informationBase) throws InterruptedException {
        return start(config, informationBase, Protection.none());
    }

    /** As {@link #start(ServerConfig, InformationBase)}, with every request passing the protection layer. */
    public static AltoServer start(ServerConfig config, InformationBase informationBase, Protection protection)
            throws InterruptedException {
        return start(config, informationBase, protection, Operations.onMainListener());
    }

    /** As {@link #start(ServerConfig, InformationBase, Protection)}, with the operator's endpoints as {@code operations} says. */
    public static AltoServer start(ServerConfig config, InformationBase informationBase, Protection protection,
                                   Operations operations) throws InterruptedException {
        return new AltoServer(config, informationBase, protection, operations, RequestDeadline.Clock.system(),
                standardAccessLog(config));
    }

    /** As {@link #start(ServerConfig, InformationBase, Protection)}, with request deadlines timed by {@code deadlines}. */
    static AltoServer start(ServerConfig config, InformationBase informationBase, Protection protection,
                            RequestDeadline.Clock deadlines) throws InterruptedException {
        return start(config, informationBase, protection, deadlines, standardAccessLog(config));
    }

    /** As above, logging to {@code accessLog} (closed with the server). */
    static AltoServer start(ServerConfig config, InformationBase informationBase, Protection protection,
                            RequestDeadline.Clock deadlines, AccessLog accessLog) throws InterruptedException {
        return new AltoServer(config, informationBase, protection, Operations.onMainListener(), deadlines, accessLog);
    }

    private static AccessLog standardAccessLog(ServerConfig config) {
        return config.accessLog() ? AccessLog.toStandardError(Ticker.system()) : AccessLog.off();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Where the operator's endpoints listen when they have a listener of their own. */
    public Optional<InetSocketAddress> adminAddress() {
        return adminListener.map(channel -> (InetSocketAddress) channel.localAddress());
    }

    /** The URI of the root information resource directory. */
    public URI directoryUri() {
        InetSocketAddress address = address();
        String host = UriHost.of(address.getAddress());
        String scheme = config.tls().isPresent() ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + address.getPort() + DirectoryResource.PATH);
    }

    public ServerConfig config() {
        return config;
    }

    /** Access-log lines dropped so far because stderr could not keep up (each drop is also reported in the log). */
    public long accessLogLinesDropped() {
        return accessLog.dropped();
    }

    /** Stops accepting, lets requests in progress finish (up to a few seconds), then releases threads. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        adminListener.ifPresent(channel -> channel.close().awaitUninterruptibly());
        dispatcher.close();
        snapshotMetrics.close();
        admission.ifPresent(Admission::close);
        loops.shutdownGracefully(100, SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly();
        accessLog.close();
        LOG.info("ALTO server stopped");
    }

    /**
     * One event loop per core unless configured. Netty's own default (0) is two per core, and two
     * loops time-sliced on one core add a scheduler quantum to the tail: p99 5.6 ms against 1.3 ms.
     */
    private static int ioThreads(ServerConfig config) {
        return config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
    }

    /** Answering is CPU work over an immutable snapshot: one worker per core unless configured. */
    private static int workerThreads(ServerConfig config) {
        return config.workerThreads() > 0 ? config.workerThreads() : Runtime.getRuntime().availableProcessors();
    }
}
