package io.altokit.server.protection;

import java.util.Set;

/**
 * The guard that decides which resources each caller may use. Its grants also decide what each
 * caller's directory lists, so that a client does not discover services it would then be refused.
 */
public interface AccessControl extends Guard {

    /** What the caller may use; {@code Grant.only(Set.of())} for a caller refused everything. */
    Grant grantFor(Caller caller);

    /** Every grant {@link #grantFor} can return. */
    Set<Grant> grants();
}
