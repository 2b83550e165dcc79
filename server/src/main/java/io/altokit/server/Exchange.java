package io.altokit.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;

/** One request as its answer needs it, kept from the moment its head is read until it is answered. */
record Exchange(InetSocketAddress remote, String method, String uri, HttpVersion version, boolean keepAlive,
                long startedNanos) {

    /** Taken from the request's head, as soon as it is read. */
    static Exchange of(ChannelHandlerContext ctx, HttpRequest head, long nowNanos) {
        return new Exchange(remote(ctx), head.method().name(), head.uri(), head.protocolVersion(),
                HttpUtil.isKeepAlive(head), nowNanos);
    }

    /** A request cut off before its head was complete (trickled headers): nothing of it is known. */
    static Exchange headless(ChannelHandlerContext ctx, long nowNanos) {
        return new Exchange(remote(ctx), "-", "-", HttpVersion.HTTP_1_1, false, nowNanos);
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }
}
