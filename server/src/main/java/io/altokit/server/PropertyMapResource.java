package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.List;

/** GET /propmap/full (RFC 9240 section 7): every entity's properties, encoded once per snapshot. */
final class PropertyMapResource implements AltoResource {
    private final ResourceDescriptor descriptor;
    private final EntityPropertyMap properties;
    private volatile byte[] body;

    PropertyMapResource(EntityPropertyMap properties, NetworkMapResource networkMapResource) {
        this.descriptor = ResourceDescriptor.get("property-map", "/propmap/full", MediaTypes.PROPERTY_MAP,
                Directory.Capabilities.propertyMap(properties.mappings()), List.of(networkMapResource.descriptor().id()));
        this.properties = properties;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Reply handle(AltoRequest request, Query<?> query) {
        byte[] encoded = body;
        if (encoded == null) {
            // Two first requests may both encode it; they encode the same bytes.
            encoded = ResponseEncoder.propertyMap(properties.full());
            body = encoded;
        }
        return Reply.ok(descriptor.mediaType(), encoded);
    }
}
