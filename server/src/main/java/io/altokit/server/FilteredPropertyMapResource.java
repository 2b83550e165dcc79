package io.altokit.server;

import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.PropertyMapRequest;
import io.altokit.model.RequestDecoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.List;

/**
 * POST /propmap/lookup (RFC 9240 section 8): the properties asked of the entities asked, with the
 * capabilities of the full property map; at most {@link EndpointLimits} entities a request.
 */
final class FilteredPropertyMapResource implements AltoResource.Service<PropertyMapRequest> {
    private static final Query.Parser<PropertyMapRequest> PARSER = new Query.Parser<>(RequestDecoder::propertyMap);
    private final ResourceDescriptor descriptor;
    private final EntityPropertyMap properties;
    private final EndpointLimits limits;

    FilteredPropertyMapResource(EntityPropertyMap properties, NetworkMapResource networkMapResource, EndpointLimits limits) {
        this.descriptor = ResourceDescriptor.post("filtered-property-map", "/propmap/lookup", MediaTypes.PROPERTY_MAP,
                MediaTypes.PROPERTY_MAP_PARAMS, Directory.Capabilities.propertyMap(properties.mappings()),
                List.of(networkMapResource.descriptor().id()));
        this.properties = properties;
        this.limits = limits;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<PropertyMapRequest> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, PropertyMapRequest lookup) {
        limits.check("entities", lookup.entities().size());
        return Reply.ok(descriptor.mediaType(), ResponseEncoder.propertyMap(properties.filtered(lookup.entities(), lookup.properties())));
    }
}
