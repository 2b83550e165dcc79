package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.AltoRequest;
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

    DirectoryResource(List<AltoResource> resources, OfferedCosts costs, String defaultNetworkMap) {
        Map<String, Directory.Entry> entries = new LinkedHashMap<>();
        for (AltoResource resource : resources) {
            entries.put(resource.descriptor().id(), resource.descriptor().entry());
        }
        byte[] bytes = ResponseEncoder.directory(new Directory(costs.byName(), Optional.of(defaultNetworkMap), entries));
        this.body = Representation.tagged(bytes, contentTag(bytes));
    }

    /** The directory has no vtag of its own; its ETag is a hash of its bytes, equal across replicas. */
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
    public Reply handle(AltoRequest request) {
        return Reply.ok(DESCRIPTOR.mediaType(), body);
    }
}
