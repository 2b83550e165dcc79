package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.Directory;
import io.altokit.model.EndpointProperties;
import io.altokit.model.EndpointPropertyRequest;
import io.altokit.model.EndpointPropertyResponse;
import io.altokit.model.MediaTypes;
import io.altokit.model.RequestDecoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.TypedAddress;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** POST /endpointprop/lookup (RFC 7285 11.4.1): the PID of each endpoint, "&lt;network-map-id&gt;.pid". */
final class EndpointPropertyResource implements AltoResource.Service<EndpointPropertyRequest> {
    private static final Query.Parser<EndpointPropertyRequest> PARSER = new Query.Parser<>(RequestDecoder::endpointProperties);
    private final ResourceDescriptor descriptor;
    private final NetworkMapResource networkMapResource;
    private final NetworkMap networkMap;
    private final EndpointLimits limits;
    private final String pidProperty;

    EndpointPropertyResource(NetworkMapResource networkMapResource, NetworkMap networkMap, EndpointLimits limits) {
        this.networkMapResource = networkMapResource;
        this.networkMap = networkMap;
        this.limits = limits;
        this.pidProperty = EndpointProperties.pidProperty(networkMapResource.descriptor().id());
        this.descriptor = ResourceDescriptor.post("endpoint-property", "/endpointprop/lookup", MediaTypes.ENDPOINT_PROP,
                MediaTypes.ENDPOINT_PROP_PARAMS, new Directory.Capabilities(List.of(), Optional.empty(), List.of(pidProperty)),
                List.of(networkMapResource.descriptor().id()));
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<EndpointPropertyRequest> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, EndpointPropertyRequest lookup) {
        limits.check("endpoints", lookup.endpoints().size());
        for (String property : lookup.properties()) {
            if (!property.equals(pidProperty)) {
                throw new AltoException(AltoError.invalidValue("properties", property));
            }
        }
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        for (TypedAddress endpoint : lookup.endpoints()) {
            String pid = networkMap.pidName(networkMap.lookup(endpoint));
            properties.put(endpoint.text(), Map.of(pidProperty, pid));
        }
        return Reply.ok(descriptor.mediaType(), ResponseEncoder.endpointProperties(
                new EndpointPropertyResponse(List.of(networkMapResource.vtag()), properties)));
    }
}
