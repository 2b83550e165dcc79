package io.altokit.server;

import io.altokit.model.Directory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one information resource is, apart from how it answers: what the directory lists about it
 * (RFC 7285 9.2.2) and what the dispatcher routes and checks requests by.
 *
 * @param accepts the media type of the request body; present exactly for resources answering POST
 */
public record ResourceDescriptor(String id, String path, String mediaType, Optional<String> accepts,
                                 Directory.Capabilities capabilities, List<String> uses) {

    public ResourceDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(accepts, "accepts");
        Objects.requireNonNull(capabilities, "capabilities");
        uses = List.copyOf(uses);
    }

    /** A resource answering GET (a map or the directory): no request body. */
    public static ResourceDescriptor get(String id, String path, String mediaType, Directory.Capabilities capabilities,
                                         List<String> uses) {
        return new ResourceDescriptor(id, path, mediaType, Optional.empty(), capabilities, uses);
    }

    /** A service answering POST with a body of type {@code accepts} (filtered maps, endpoint services). */
    public static ResourceDescriptor post(String id, String path, String mediaType, String accepts,
                                          Directory.Capabilities capabilities, List<String> uses) {
        return new ResourceDescriptor(id, path, mediaType, Optional.of(accepts), capabilities, uses);
    }

    /** "GET" for maps and the directory, "POST" for services taking input parameters. */
    public String method() {
        return accepts.isPresent() ? "POST" : "GET";
    }

    /** The resource's entry in the information resource directory. */
    public Directory.Entry entry() {
        return new Directory.Entry(path, mediaType, accepts, capabilities, uses);
    }
}
