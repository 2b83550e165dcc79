package io.altokit.server.protection;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;

import java.util.Optional;

/**
 * A request on its way through the guards: the request, the id of the resource its path names
 * (empty for unknown paths, which the dispatcher answers with 404 once the guards let it pass),
 * the caller as known so far, and the request's body as that resource parses it (once, for the guards
 * and the resource alike).
 */
public record Call(AltoRequest request, Optional<String> resourceId, Caller caller, Query<?> query) {

    public Call withCaller(Caller identified) {
        return new Call(request, resourceId, identified, query);
    }
}
