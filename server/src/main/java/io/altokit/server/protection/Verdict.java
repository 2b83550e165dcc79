package io.altokit.server.protection;

import io.altokit.server.http.Reply;

/** What a guard decided: let the call on (perhaps with the caller now named), or answer it here. */
public sealed interface Verdict {

    record Pass(Call call) implements Verdict {
    }

    record Refuse(Reply reply) implements Verdict {
    }

    static Verdict pass(Call call) {
        return new Pass(call);
    }

    static Verdict refuse(Reply reply) {
        return new Refuse(reply);
    }
}
