package io.altokit.server.protection;

import io.altokit.server.http.Reply;

/** A step behind the resources that adds to an answer (response signing), given the call it answers. */
@FunctionalInterface
public interface ReplyDecorator {

    Reply decorate(Call call, Reply reply);
}
