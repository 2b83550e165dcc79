package io.altokit.server.protection;

import io.altokit.server.http.Reply;

import java.util.List;

/**
 * The protection layer: guards in their order in front of the resources, decorators behind them,
 * and the privacy policies that choose which view of the network each admitted caller is answered
 * from. Without any configured, every call passes untouched and sees everything.
 */
public final class Protection {
    private static final Protection NONE = new Protection(List.of(), List.of());

    private final List<Guard> guards;
    private final List<ReplyDecorator> decorators;
    private final PrivacyPolicies privacy;

    public Protection(List<Guard> guards, List<ReplyDecorator> decorators, PrivacyPolicies privacy) {
        this.guards = List.copyOf(guards);
        this.decorators = List.copyOf(decorators);
        this.privacy = privacy;
    }

    public Protection(List<Guard> guards, List<ReplyDecorator> decorators) {
        this(guards, decorators, PrivacyPolicies.none());
    }

    public static Protection none() {
        return NONE;
    }

    /** Runs the guards in order; the first refusal answers the call. */
    public Verdict admit(Call call) {
        Call current = call;
        for (Guard guard : guards) {
            switch (guard.check(current)) {
                case Verdict.Pass pass -> current = pass.call();
                case Verdict.Refuse refuse -> {
                    return refuse;
                }
            }
        }
        return Verdict.pass(current);
    }

    public PrivacyPolicies privacy() {
        return privacy;
    }

    public Reply decorate(Call call, Reply reply) {
        Reply current = reply;
        for (ReplyDecorator decorator : decorators) {
            current = decorator.decorate(call, current);
        }
        return current;
    }
}
