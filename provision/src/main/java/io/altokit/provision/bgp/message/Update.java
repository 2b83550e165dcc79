package io.altokit.provision.bgp.message;

import io.altokit.core.PrefixKey;

import java.util.List;
import java.util.Objects;

/**
 * UPDATE (RFC 4271 section 4.3) with both address families merged: {@code withdrawn} holds the
 * Withdrawn Routes field and MP_UNREACH_NLRI prefixes, {@code announced} the NLRI field and
 * MP_REACH_NLRI prefixes (AFI 1/2, SAFI 1). When the decoder applied treat-as-withdraw, the announced
 * prefixes are already in {@code withdrawn}, {@code announced} is empty and {@code problems} says why.
 */
public record Update(List<PrefixKey> withdrawn, List<PrefixKey> announced, PathAttributes attributes, List<UpdateProblem> problems)
        implements BgpMessage {

    public Update {
        withdrawn = List.copyOf(withdrawn);
        announced = List.copyOf(announced);
        Objects.requireNonNull(attributes, "attributes");
        problems = List.copyOf(problems);
    }

    /** An UPDATE to send: no problems. */
    public static Update of(List<PrefixKey> withdrawn, List<PrefixKey> announced, PathAttributes attributes) {
        return new Update(withdrawn, announced, attributes, List.of());
    }

    /** Whether RFC 7606 treat-as-withdraw turned this UPDATE's announcements into withdrawals. */
    public boolean treatedAsWithdraw() {
        return problems.stream().anyMatch(p -> p.action() == UpdateProblem.Action.TREAT_AS_WITHDRAW);
    }

    @Override
    public int type() {
        return UPDATE;
    }
}
