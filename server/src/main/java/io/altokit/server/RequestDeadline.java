package io.altokit.server;

import io.altokit.core.time.Scheduler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;

/**
 * Bounds the time from a request's first byte to its last (slowloris: headers or a body trickled
 * byte by byte to hold a connection open). The idle timeout alone cannot catch that, because every
 * trickled byte resets it.
 *
 * <p>One instance per connection (or HTTP/2 stream). {@link #start()} sits in front of the HTTP
 * decoder and arms the timer on the first read of a request; {@link #finish()}, right behind the
 * decoder, disarms it when the request's last part is decoded. When the timer fires, an {@link Expired}
 * event goes down the pipeline, and {@link KeepAlive} answers 408 and closes. Timers come from a {@link Scheduler}
 * so tests can move time by hand; their tasks come back to the channel's event loop.
 */
final class RequestDeadline {
    /** The event that tells the handlers behind the decoder that the request ran out of time. */
    enum Expired { EVENT }

    private final Duration timeout;
    private final Scheduler scheduler;
    /** The armed timer of the request in progress, or null between requests. */
    private Timer timer;

    RequestDeadline(Duration timeout, Scheduler scheduler) {
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    Duration timeout() {
        return timeout;
    }

    /** Arms the deadline when a request's first bytes arrive. */
    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (timer == null) {
                    timer = new Timer(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
    }

    /** Disarms the deadline when a request's last part is decoded; sits right behind the HTTP decoder. */
    ChannelHandler finish() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    disarm();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** The request is complete (or answered and its connection closing): its time no longer runs. */
    void disarm() {
        if (timer != null) {
            timer.scheduled.cancel();
            timer = null;
        }
    }

    /** One request's timer; when it fires, it acts on the event loop, and only if still the armed one. */
    private final class Timer {
        private final ChannelHandlerContext ctx;
        private final Scheduler.Cancellable scheduled;

        Timer(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.scheduled = scheduler.schedule(() -> ctx.executor().execute(this::expire), timeout);
        }

        private void expire() {
            if (timer != this || !ctx.channel().isActive()) {
                return; // disarmed while this task was on its way
            }
            timer = null;
            ctx.fireUserEventTriggered(Expired.EVENT);
        }
    }
}
