package io.altokit.server;

import io.altokit.server.protection.Guard;
import io.altokit.server.protection.ReplyDecorator;
import io.altokit.server.protection.Verdict;

import java.util.Map;

/** Shows tests whom the guards took the caller for: a decorator adds the name as a response header. */
final class CallerEcho {
    static final String HEADER = "X-Test-Caller";
    static final Guard GUARD = Verdict::pass;
    static final ReplyDecorator DECORATOR = (call, reply) -> reply.withHeaders(Map.of(HEADER, call.caller().name().orElse("-")));

    private CallerEcho() {
    }
}
