package io.altokit.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closing a connection after an answer the way nginx's {@code lingering_close} does: a plain close
 * while the client is still sending makes the kernel reset the connection, and the reset destroys
 * the answer before a client that writes its whole request first has read it. So the server
 * half-closes (the client reads the answer, then end of stream), reads and drops whatever still
 * arrives, and closes once the client closes too — or after {@link #TIME} or {@link #BYTES} at most.
 * It sits first in the pipeline, so nothing behind it — TLS included — decodes, times or answers those
 * bytes.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    /** Longest a closing connection is read from (nginx's lingering_time is 30 s). */
    static final Duration TIME = Duration.ofSeconds(30);
    /** Most bytes a closing connection is read and dropped: a request body far over any limit. */
    static final long BYTES = 64L << 20;

    private long dropped;
    private ScheduledFuture<?> deadline;

    private LingeringClose() {
    }

    /** Closes {@code channel} once the answers written so far are sent; on its event loop. */
    static void close(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close();
            return;
        }
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        channel.pipeline().addFirst(new LingeringClose());
        channel.config().setAutoRead(true);
        // Over TLS the end of the answer is announced (close_notify) before the end of the stream.
        ChannelFuture announced = tls == null ? channel.newSucceededFuture() : tls.closeOutbound();
        announced.addListener(done -> duplex.shutdownOutput());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> { ctx.close(); }, TIME.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            dropped += bytes.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (dropped > BYTES) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Swallowed: the handlers behind have nothing to complete.
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or timeout while lingering changes nothing: the answer is out, the connection ends.
        ctx.close();
    }
}
