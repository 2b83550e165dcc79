package io.altokit.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.EnumSet;

/**
 * Why a connection is not being read: reading resumes only once every reason is gone, so the parts
 * that pause a connection for their own reasons never resume it for another's. Event loop only.
 */
final class ReadHolds {
    enum Reason {
        /** A request is being answered off the I/O thread; the next one waits (answers leave in order). */
        ANSWERING,
        /** The client does not take its answers: the outbound buffer is over its high-water mark. */
        ANSWERS_NOT_TAKEN
    }

    private static final AttributeKey<EnumSet<Reason>> HOLDS = AttributeKey.valueOf(ReadHolds.class, "holds");

    private ReadHolds() {
    }

    static void hold(Channel channel, Reason reason) {
        holds(channel).add(reason);
        channel.config().setAutoRead(false);
    }

    static void release(Channel channel, Reason reason) {
        EnumSet<Reason> holds = holds(channel);
        holds.remove(reason);
        if (holds.isEmpty()) {
            channel.config().setAutoRead(true);
        }
    }

    private static EnumSet<Reason> holds(Channel channel) {
        EnumSet<Reason> holds = channel.attr(HOLDS).get();
        if (holds == null) {
            holds = EnumSet.noneOf(Reason.class);
            channel.attr(HOLDS).set(holds);
        }
        return holds;
    }
}
