package io.altokit.server;

import io.altokit.server.ops.ServerMetrics;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.Optional;

/**
 * What the dispatcher knew of an answer that the transport does not: who asked (the name an
 * authenticator gave the caller) and which resource answered. It travels on the channel (an HTTP/2
 * stream has its own) from the dispatcher to {@link KeepAlive}, which logs and counts the answer.
 */
record AnswerOrigin(Optional<String> client, String resource) {
    /** Answers the dispatcher did not give (framing errors, sheds, timeouts) or gave for no resource. */
    static final AnswerOrigin UNKNOWN = new AnswerOrigin(Optional.empty(), ServerMetrics.NO_RESOURCE);

    private static final AttributeKey<AnswerOrigin> KEY = AttributeKey.valueOf(AnswerOrigin.class, "origin");

    /** Notes the origin of the answer about to be written on {@code channel}. */
    static void note(Channel channel, AnswerOrigin origin) {
        channel.attr(KEY).set(origin);
    }

    /** The origin of the answer being written, forgotten so that the next answer starts unknown. */
    static AnswerOrigin take(Channel channel) {
        if (!channel.hasAttr(KEY)) {
            return UNKNOWN;
        }
        AnswerOrigin origin = channel.attr(KEY).getAndSet(null);
        return origin == null ? UNKNOWN : origin;
    }
}
