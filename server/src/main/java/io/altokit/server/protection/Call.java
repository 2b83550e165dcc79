package io.altokit.server.protection;

import io.altokit.server.http.AltoRequest;

import java.util.Optional;

/**
 * A request on its way through the guards: the request, the id of the resource its path names
 * (empty for unknown paths, which the dispatcher answers with 404 once the guards let it pass),
 * and the caller as known so far.
 */
public record Call(AltoRequest request, Optional<String> resourceId, Caller caller) {

    public Call withCaller(Caller identified) {
        return new Call(request, resourceId, identified);
    }
}
