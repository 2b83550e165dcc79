package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GET /directory: the root information resource directory (RFC 7285 section 9). */
final class DirectoryResource implements AltoResource {
    static final String PATH = "/directory";
    private static final ResourceDescriptor DESCRIPTOR = ResourceDescriptor.get("directory", PATH, MediaTypes.DIRECTORY,
            Directory.Capabilities.NONE, List.of());

    private final Representation body;

    private DirectoryResource(Representation body) {
        this.body = body;
    }

    /** The directory of every resource given; its ETag is a hash of its bytes, equal across replicas. */
    static DirectoryResource listing(List<AltoResource> resources, OfferedCosts costs, String defaultNetworkMap) {
        byte[] bytes = render(resources, costs, Optional.of(defaultNetworkMap));
        return new DirectoryResource(Representation.tagged(bytes, contentTag(bytes)));
    }

    /**
     * The directory some callers see, listing only the resources given: without an ETag, as the same
     * tag must not name different directories for different callers.
     */
    static DirectoryResource restricted(List<AltoResource> resources, OfferedCosts costs, Optional<String> defaultNetworkMap) {
        return new DirectoryResource(Representation.of(render(resources, costs, defaultNetworkMap)));
    }

    private static byte[] render(List<AltoResource> resources, OfferedCosts costs, Optional<String> defaultNetworkMap) {
        Map<String, Directory.Entry> entries = new LinkedHashMap<>();
        for (AltoResource resource : resources) {
            entries.put(resource.descriptor().id(), resource.descriptor().entry());
        }
        return ResponseEncoder.directory(new Directory(costs.byName(), defaultNetworkMap, entries));
    }

    /** The directory has no vtag of its own. */
    private static String contentTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public ResourceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        return Reply.ok(DESCRIPTOR.mediaType(), body);
    }
}
