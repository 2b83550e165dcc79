package io.altokit.server.protection;

import io.altokit.server.http.Reply;
import io.altokit.server.privacy.PrivacyPolicy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The protection layer: guards in their order in front of the resources, decorators behind them,
 * and each admitted caller's {@link CallerView} — which resources its access rule grants, under
 * which privacy policy — that chooses the catalog it is answered from. Without any configured,
 * every call passes untouched and sees everything.
 */
public final class Protection {
    private static final Protection NONE = new Protection(List.of(), List.of());

    private final List<Guard> guards;
    private final List<ReplyDecorator> decorators;
    private final PrivacyPolicies privacy;
    private final Optional<? extends AccessControl> access;

    /**
     * @param access the access rules, when configured: a guard among {@code guards} (in their order)
     *               that also decides what each caller's directory lists
     */
    public Protection(List<Guard> guards, List<ReplyDecorator> decorators, PrivacyPolicies privacy,
                      Optional<? extends AccessControl> access) {
        this.guards = List.copyOf(guards);
        this.decorators = List.copyOf(decorators);
        this.privacy = privacy;
        this.access = access;
        if (access.isPresent() && !this.guards.contains(access.get())) {
            throw new IllegalArgumentException("the access rules must also be one of the guards");
        }
    }

    public Protection(List<Guard> guards, List<ReplyDecorator> decorators, PrivacyPolicies privacy) {
        this(guards, decorators, privacy, Optional.empty());
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

    /** The view an admitted caller is answered from. */
    public CallerView viewOf(Caller caller) {
        if (access.isEmpty() && privacy == PrivacyPolicies.none()) {
            return CallerView.FULL; // no lookup and no allocation on the path without protection
        }
        return new CallerView(access.map(control -> control.grantFor(caller)).orElse(Grant.ALL), privacy.policyFor(caller));
    }

    /** Every view a caller can be given: each grant under each privacy policy, the full view first. */
    public Set<CallerView> views() {
        Set<Grant> grants = access.map(AccessControl::grants).orElse(Set.of(Grant.ALL));
        Set<CallerView> views = new LinkedHashSet<>();
        views.add(CallerView.FULL);
        for (PrivacyPolicy policy : privacy.distinct()) {
            grants.forEach(grant -> views.add(new CallerView(grant, policy)));
        }
        return views;
    }

    public Reply decorate(Call call, Reply reply) {
        Reply current = reply;
        for (ReplyDecorator decorator : decorators) {
            current = decorator.decorate(call, current);
        }
        return current;
    }
}
