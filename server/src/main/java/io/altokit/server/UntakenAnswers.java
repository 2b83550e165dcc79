package io.altokit.server;

import io.altokit.core.time.ThrottledWarning;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A client that sends requests but does not read the answers (a pipelining client that never reads)
 * would make the server queue answers in memory without bound. While the connection's outbound
 * buffer is over Netty's high-water mark, the connection is not read — with the
 * {@link io.netty.handler.flow.FlowControlHandler} in front, not even the requests already decoded
 * are answered — and reading resumes once the buffer drains below the low-water mark. A connection
 * whose answers stay untaken for {@code bound} is closed, with a warning at a bounded rate (any client
 * can cause it).
 */
final class UntakenAnswers extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UntakenAnswers.class);

    private final Duration bound;
    private final ThrottledWarning closes;
    private ScheduledFuture<?> closing;

    UntakenAnswers(Duration bound, ThrottledWarning closes) {
        this.bound = bound;
        this.closes = closes;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            ReadHolds.hold(ctx.channel(), ReadHolds.Reason.ANSWERS_NOT_TAKEN);
            if (closing == null) {
                closing = ctx.executor().schedule(() -> close(ctx), bound.toNanos(), TimeUnit.NANOSECONDS);
            }
        } else {
            stopClosing();
            ReadHolds.release(ctx.channel(), ReadHolds.Reason.ANSWERS_NOT_TAKEN);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void close(ChannelHandlerContext ctx) {
        closes.occurred().ifPresent(count -> LOG.warn(
                "closing connection from {}: it took none of its answers for {} ms ({} such closes since the last warning)",
                ctx.channel().remoteAddress(), bound.toMillis(), count));
        ctx.close();
    }

    private void stopClosing() {
        if (closing != null) {
            closing.cancel(false);
            closing = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopClosing();
        ctx.fireChannelInactive();
    }
}
