package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;

import java.util.List;
import java.util.Optional;

/** One information resource: where it lives, what it speaks, and how it answers for a snapshot. */
interface AltoResource {

    String id();

    String path();

    /** "GET" for maps and the directory, "POST" for services taking input parameters. */
    default String method() {
        return accepts().isPresent() ? "POST" : "GET";
    }

    String mediaType();

    /** The media type of the request body, for POST resources. */
    default Optional<String> accepts() {
        return Optional.empty();
    }

    default Directory.Capabilities capabilities() {
        return Directory.Capabilities.NONE;
    }

    default List<String> uses() {
        return List.of();
    }

    /** Answers a request that already passed method and media type checks. */
    Reply handle(AltoRequest request);
}
