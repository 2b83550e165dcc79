package io.altokit.server.protection;

import io.altokit.server.http.Reply;

/** What a guard decided: let the call on (perhaps with the caller now named), or answer it here. */
public sealed interface Verdict {

    record Pass(Call call) implements Verdict {
    }

    /** @param reason why, in a word or two of snake case, for the refusal metrics: {@code rate_limit}, {@code no_rule} */
    record Refuse(Reply reply, String reason) implements Verdict {
    }

    static Verdict pass(Call call) {
        return new Pass(call);
    }

    static Verdict refuse(Reply reply, String reason) {
        return new Refuse(reply, reason);
    }
}
