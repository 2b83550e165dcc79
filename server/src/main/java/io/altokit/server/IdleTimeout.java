package io.altokit.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has sent nothing for the idle timeout, so idle or stalled clients cannot
 * pin resources, except while the server owes it something: an event stream (a stream's client only
 * listens) or a long poll's answer (a TIPS client waiting for the next edge). Over HTTP/2 one
 * connection carries many streams, so the connection is held open per open event stream or pending
 * answer, and once the last one ends the timeout applies again from then on; other connections,
 * and the same connection without one, keep their timeout.
 */
final class IdleTimeout extends IdleStateHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeout.class);
    private int holds;

    IdleTimeout(Duration timeout) {
        super(timeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
    }

    /**
     * Keeps the connection of {@code stream} (the connection itself over HTTP/1.1, one of its streams
     * over HTTP/2) open while {@code stream} is, however long the client stays silent. Any thread.
     */
    static void holdOpenWhile(Channel stream) {
        hold(stream, Optional.empty());
    }

    /**
     * Keeps the connection of {@code stream} open until {@code answer} completes (or {@code stream}
     * closes first), however long the client stays silent meanwhile. Any thread.
     */
    static void holdOpenUntil(Channel stream, CompletionStage<?> answer) {
        hold(stream, Optional.of(answer));
    }

    private static void hold(Channel stream, Optional<CompletionStage<?>> until) {
        Channel connection = stream.parent() != null ? stream.parent() : stream;
        IdleTimeout idle = connection.pipeline().get(IdleTimeout.class);
        if (idle == null) {
            return;
        }
        // On the connection's event loop, where the stream's close is told too (its HTTP/2 streams share it).
        connection.eventLoop().execute(() -> {
            idle.holds++;
            Hold hold = idle.new Hold();
            stream.closeFuture().addListener(closed -> hold.run());
            until.ifPresent(answer -> answer.whenComplete((done, failure) -> connection.eventLoop().execute(hold)));
        });
    }

    /** One hold, released once, by whichever comes first: its end or its stream's close. Event loop only. */
    private final class Hold implements Runnable {
        private boolean released;

        @Override
        public void run() {
            if (!released) {
                released = true;
                if (--holds == 0) {
                    resetReadTimeout();
                }
            }
        }
    }

    /** Closes quietly: over HTTP/2 no handler behind the connection's own would take a timeout exception. */
    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent idle) {
        if (holds == 0) {
            LOG.debug("closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        }
    }
}
