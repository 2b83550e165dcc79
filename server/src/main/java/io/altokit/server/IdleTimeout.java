package io.altokit.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has sent nothing for the idle timeout, so idle or stalled clients cannot
 * pin resources, except while an event stream is open on it: a stream's client only listens. Over
 * HTTP/2 one connection carries many streams, so the connection is held open per open event
 * stream, and once the last one ends the timeout applies again from then on; other connections, and
 * the same connection without an event stream, keep their timeout.
 */
final class IdleTimeout extends IdleStateHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeout.class);
    private int openEventStreams;

    IdleTimeout(Duration timeout) {
        super(timeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
    }

    /**
     * Keeps the connection of {@code stream} (the connection itself over HTTP/1.1, one of its streams
     * over HTTP/2) open while {@code stream} is, however long the client stays silent. Any thread.
     */
    static void holdOpenWhile(Channel stream) {
        Channel connection = stream.parent() != null ? stream.parent() : stream;
        IdleTimeout idle = connection.pipeline().get(IdleTimeout.class);
        if (idle == null) {
            return;
        }
        // On the connection's event loop, where the stream's close is told too (its HTTP/2 streams share it).
        connection.eventLoop().execute(() -> {
            idle.openEventStreams++;
            stream.closeFuture().addListener(closed -> idle.eventStreamEnded());
        });
    }

    private void eventStreamEnded() {
        if (--openEventStreams == 0) {
            resetReadTimeout();
        }
    }

    /** Closes quietly: over HTTP/2 no handler behind the connection's own would take a timeout exception. */
    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent idle) {
        if (openEventStreams == 0) {
            LOG.debug("closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        }
    }
}
