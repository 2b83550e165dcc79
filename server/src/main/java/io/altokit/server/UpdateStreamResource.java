package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.RequestDecoder;
import io.altokit.model.UpdateStreamRequest;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;
import io.altokit.server.update.UpdateStreams;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POST /updates/stream (RFC 8895 section 6): opens an update stream over the resources of one
 * catalog; its events are a {@code text/event-stream} body that goes on until either side ends it.
 */
final class UpdateStreamResource implements AltoResource.Service<UpdateStreamRequest> {
    private static final Query.Parser<UpdateStreamRequest> PARSER = new Query.Parser<>(RequestDecoder::updateStream);
    static final String ID = "update-stream";
    static final String PATH = "/updates/stream";

    private final ResourceDescriptor descriptor;
    private final Catalog catalog;
    private final UpdateStreams streams;

    /** @param patchTypes by resource id, the patch media types (comma-separated) of each resource it can stream */
    UpdateStreamResource(Catalog catalog, UpdateStreams streams, Map<String, String> patchTypes) {
        this.descriptor = ResourceDescriptor.post(ID, PATH, MediaTypes.EVENT_STREAM,
                MediaTypes.UPDATE_STREAM_PARAMS, Directory.Capabilities.incrementalChanges(patchTypes),
                List.copyOf(patchTypes.keySet()));
        this.catalog = catalog;
        this.streams = streams;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<UpdateStreamRequest> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, UpdateStreamRequest wanted) {
        return streams.open(wanted, catalog, catalog.view(), Owner.of(request), request.client());
    }

    /**
     * Who may use a stream's control URI: the caller with the same credentials, or, for an anonymous
     * caller, from the same address. The URI is 128 random bits besides.
     */
    record Owner(Optional<String> authorization, Optional<X509Certificate> certificate, Optional<InetAddress> address) {
        static Owner of(AltoRequest request) {
            boolean anonymous = request.authorization().isEmpty() && request.clientCertificate().isEmpty();
            return new Owner(request.authorization(), request.clientCertificate(),
                    anonymous ? Optional.of(request.client()) : Optional.empty());
        }
    }
}
