package io.altokit.server;

import io.altokit.core.time.Scheduler;
import io.altokit.core.time.Ticker;
import io.netty.channel.ChannelFutureListener;
import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.function.Function;

/**
 * Bounds the time from a request's first byte to its last (slowloris: headers or a body trickled
 * byte by byte to hold a connection open). The idle timeout alone cannot catch that, because every
 * trickled byte resets it.
 *
 * <p>One instance per connection (or HTTP/2 stream). {@link #start()} sits in front of the HTTP
 * decoder and arms the timer on the first read of a request; {@link #finish()}, right behind the
 * decoder, disarms it when the request's last part is decoded. When the timer fires, an {@link Expired}
 * event goes down the pipeline, and {@link KeepAlive} answers 408 and closes. Time comes from a
 * {@link Ticker} and timers from a {@link Scheduler}, so tests can move time by hand; timer tasks
 * come back to the channel's event loop.
 */
final class RequestDeadline {
    /** The event that tells the handlers behind the decoder that the request ran out of time. */
    enum Expired { EVENT }

    /** Where deadlines take their time from: the system's and the connection's event loop, or a test's hand. */
    record Clock(Ticker ticker, Function<Channel, Scheduler> timers) {
        /** Timers on the connection's own event loop: arming one costs no thread hand-off. */
        static Clock system() {
            return new Clock(Ticker.system(), channel -> Scheduler.on(channel.eventLoop()));
        }

        RequestDeadline deadline(Duration timeout, Channel channel) {
            return new RequestDeadline(timeout, ticker, timers.apply(channel));
        }
    }

    private final Duration timeout;
    private final Ticker ticker;
    private final Scheduler scheduler;
    /** The armed timer of the request in progress, or null between requests. */
    private Timer timer;

    private RequestDeadline(Duration timeout, Ticker ticker, Scheduler scheduler) {
        this.timeout = timeout;
        this.ticker = ticker;
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

    /**
     * Disarms the deadline when a request's last part is decoded in time; sits right behind the HTTP
     * decoder. A last part that arrives after the deadline, before the timer's task ran, is late all
     * the same: it is dropped and the deadline expires now, so the outcome depends on the time the
     * bytes arrived, not on which of two events the loop took first.
     */
    ChannelHandler finish() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent && timer != null && timer.passed()) {
                    ReferenceCountUtil.release(msg);
                    timer.expire(ctx);
                    return;
                }
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
        private final long dueNanos;
        private final Scheduler.Cancellable scheduled;

        Timer(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.dueNanos = ticker.read() + timeout.toNanos();
            this.scheduled = scheduler.schedule(() -> ctx.executor().execute(() -> expire(ctx)), timeout);
        }

        boolean passed() {
            return ticker.read() - dueNanos >= 0;
        }

        /** Tells the handlers behind {@code from} that the request ran out of time. */
        void expire(ChannelHandlerContext from) {
            if (timer != this || !from.channel().isActive()) {
                return; // disarmed while this task was on its way
            }
            timer = null;
            scheduled.cancel();
            from.fireUserEventTriggered(Expired.EVENT);
        }
    }
}
