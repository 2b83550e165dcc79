package io.altokit.server.protection;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;

import java.util.Optional;

/**
 * A request on its way through the guards: the request, the id of the resource its path names
 * (empty for unknown paths, which the dispatcher answers with 404 once the guards let it pass),
 * the caller as known so far, the request's body as that resource parses it (once, for the guards
 * and the resource alike), and how other resources take the inputs the body hands them.
 */
public record Call(AltoRequest request, Optional<String> resourceId, Caller caller, Query<?> query, Inputs inputs) {

    /**
     * How the resources of the server parse an input that a request hands them through another
     * resource: an update stream's substream inputs (RFC 8895 section 6.5), a TIPS view's input
     * (RFC 9569 section 6.1). Guards that look into the inputs of services (the endpoint budget) see
     * them as the named resource does, whichever way they arrive.
     */
    @FunctionalInterface
    public interface Inputs {
        /** For calls whose resource hands no input on (and tests of guards that look at none). */
        Inputs NONE = (resourceId, input) -> Optional.empty();

        /** {@code input} as the resource {@code resourceId} parses a request body; empty for an id naming no service. */
        Optional<Query<?>> query(String resourceId, byte[] input);
    }

    /** A call whose body hands no input on to other resources. */
    public Call(AltoRequest request, Optional<String> resourceId, Caller caller, Query<?> query) {
        this(request, resourceId, caller, query, Inputs.NONE);
    }

    public Call withCaller(Caller identified) {
        return new Call(request, resourceId, identified, query, inputs);
    }
}
