package io.altokit.server;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

/** One information resource: its {@link ResourceDescriptor}, and how it answers for a snapshot. */
interface AltoResource {

    ResourceDescriptor descriptor();

    /** The request's body as this resource takes it, parsed when first asked; none for resources answering GET. */
    default Query query(byte[] body) {
        return Query.none();
    }

    /**
     * Whether the resource checks the Accept header itself, because what it answers has more than
     * one media type (a TIPS edge is a full map or a patch); otherwise the dispatcher checks it
     * against the descriptor's media type.
     */
    default boolean negotiatesMediaType() {
        return false;
    }

    /** Answers a request that already passed method and media type checks, with its body as {@link #query} parses it. */
    Reply handle(AltoRequest request, Query query);
}
