package io.altokit.server;

import java.net.InetAddress;
import java.util.Optional;

/** What the resources see of an HTTP request: transport-neutral, so they are testable without a socket. */
public record AltoRequest(String method, String path, Optional<String> accept, Optional<String> contentType,
                          Optional<String> ifNoneMatch, byte[] body, InetAddress client) {
}
