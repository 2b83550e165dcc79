package io.altokit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.InformationBase;
import io.altokit.model.MediaTypes;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.server.TlsConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle timeout over HTTP/2 is per event stream or long poll, not per connection: a connection
 * whose only open stream is an update stream, or a TIPS long poll waiting for its edge, stays however
 * silent its client is, while another idle connection of the same server is closed; once the update
 * stream ends or the long poll is answered, the idle timeout applies to its connection again. Seen
 * from a raw HTTP/2 client (Netty's frame codec), which tells exactly when the server closes each
 * connection.
 */
class UpdateStreamIdleOverHttp2Test {
    private static final Duration IDLE = Duration.ofMillis(700);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARAMS = "{\"add\":{\"nm\":{\"resource-id\":\"" + ServerConfig.DEFAULT_NETWORK_MAP_ID + "\"}}}";

    @TempDir
    Path pki;
    private InformationBase informationBase;
    private AltoServer server;
    private EventLoopGroup loop;
    private SslContext tls;

    @BeforeEach
    void start() throws Exception {
        TestPki ca = new TestPki(pki);
        TestPki.Identity authority = ca.authority("ca");
        TestPki.Identity identity = ca.server(authority, "alto-server");
        server = AltoServer.start(ServerConfig.defaults().withPort(0).withIdleTimeout(IDLE)
                .withTls(TlsConfig.of(identity.certificate(), identity.key())), informationBase = new InformationBase(ExampleNetwork.snapshot()));
        loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        tls = SslContextBuilder.forClient().trustManager(authority.certificate().toFile())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
    }

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        server.close();
    }

    @Test
    void anUpdateStreamHoldsItsConnectionOpenAndOnlyWhileItIsOpen() throws Exception {
        Channel streaming = connect();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Http2StreamChannel updates = request(streaming, HttpMethod.POST, "/updates/stream", MediaTypes.UPDATE_STREAM_PARAMS, PARAMS, events);
        assertThat(poll(events)).startsWith("200 text/event-stream");
        assertThat(poll(events)).as("the control event").contains(MediaTypes.UPDATE_STREAM_CONTROL);

        // Opened after the streaming one, so it has been idle for less time when it is closed.
        Channel idle = connect();
        BlockingQueue<String> answer = new LinkedBlockingQueue<>();
        request(idle, HttpMethod.GET, "/directory", "", "", answer);
        assertThat(poll(answer)).startsWith("200 application/alto-directory+json");

        assertThat(idle.closeFuture().await(10, TimeUnit.SECONDS)).as("the idle connection is closed").isTrue();
        assertThat(streaming.closeFuture().await(IDLE.multipliedBy(3).toMillis()))
                .as("the connection with an open update stream stays, idle longer than the other").isFalse();

        updates.close().sync(); // RST_STREAM: the client leaves the stream
        assertThat(streaming.closeFuture().await(10, TimeUnit.SECONDS))
                .as("without its update stream the connection is idle, and closed").isTrue();
    }

    @Test
    void aTipsLongPollHoldsItsConnectionOpenUntilItIsAnswered() throws Exception {
        Channel polling = connect();
        BlockingQueue<String> opened = new LinkedBlockingQueue<>();
        request(polling, HttpMethod.POST, "/tips", MediaTypes.TIPS_PARAMS,
                "{\"resource-id\":\"costmap-num-routingcost\"}", opened);
        assertThat(poll(opened)).startsWith("200 " + MediaTypes.TIPS);
        String viewUri = JSON.readTree(poll(opened)).path("tips-view-uri").asText();
        BlockingQueue<String> edge = new LinkedBlockingQueue<>();
        request(polling, HttpMethod.GET, URI.create(viewUri).getPath() + "/ug/1/2", "", "", edge);

        Channel idle = connect();
        BlockingQueue<String> answer = new LinkedBlockingQueue<>();
        request(idle, HttpMethod.GET, "/directory", "", "", answer);
        assertThat(poll(answer)).startsWith("200 application/alto-directory+json");
        assertThat(idle.closeFuture().await(10, TimeUnit.SECONDS)).as("the idle connection is closed").isTrue();
        assertThat(polling.closeFuture().await(IDLE.multipliedBy(3).toMillis()))
                .as("the connection with a waiting long poll stays, idle longer than the other").isFalse();
        assertThat(edge).as("nothing published: the long poll still waits").isEmpty();

        informationBase.publish(ExampleNetwork.snapshot().toBuilder().cost("routingcost", "area-01", "area-02", 99).build());
        assertThat(poll(edge)).as("the publication answers the long poll").startsWith("200 ");
        assertThat(polling.closeFuture().await(10, TimeUnit.SECONDS))
                .as("answered, the connection is idle again, and closed").isTrue();
    }

    private Channel connect() throws InterruptedException {
        InetSocketAddress address = server.address();
        Channel connection = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc(), "127.0.0.1", address.getPort()),
                                Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object pushed) {
                                        // the server opens no streams
                                    }
                                }));
                    }
                })
                .connect("127.0.0.1", address.getPort()).sync().channel();
        connection.pipeline().get(SslHandler.class).handshakeFuture().sync();
        assertThat(connection.pipeline().get(SslHandler.class).applicationProtocol()).isEqualTo(ApplicationProtocolNames.HTTP_2);
        return connection;
    }

    /** Opens a stream and sends the request; what comes back goes to {@code received}: the status line, then each body part. */
    private static Http2StreamChannel request(Channel connection, HttpMethod method, String path, String contentType,
                                              String body, BlockingQueue<String> received) throws InterruptedException {
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel channel) {
                channel.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new SimpleChannelInboundHandler<HttpObject>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
                        if (message instanceof HttpResponse response) {
                            received.add(response.status().code() + " " + response.headers().get(HttpHeaderNames.CONTENT_TYPE));
                        }
                        if (message instanceof HttpContent content && content.content().isReadable()) {
                            received.add(content.content().toString(StandardCharsets.UTF_8));
                        }
                        if (message instanceof LastHttpContent) {
                            received.add("<end>");
                        }
                    }
                });
            }
        }).open().sync().getNow();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        if (!body.isEmpty()) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        stream.writeAndFlush(request).sync();
        return stream;
    }

    private static String poll(BlockingQueue<String> received) throws InterruptedException {
        String next = received.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("an answer within 10 s").isNotNull();
        return next;
    }
}
