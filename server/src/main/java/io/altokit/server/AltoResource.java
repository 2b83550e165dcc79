package io.altokit.server;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;

/** One information resource: its {@link ResourceDescriptor}, and how it answers for a snapshot. */
interface AltoResource {

    ResourceDescriptor descriptor();

    /** Answers a request that already passed method and media type checks. */
    Reply handle(AltoRequest request);
}
