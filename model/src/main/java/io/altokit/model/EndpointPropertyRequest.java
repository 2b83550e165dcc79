package io.altokit.model;

import java.util.List;

/** RFC 7285 11.4.1.3 ReqEndpointProp. */
public record EndpointPropertyRequest(List<String> properties, List<TypedAddress> endpoints) implements QueryBody {
    public EndpointPropertyRequest {
        properties = List.copyOf(properties);
        endpoints = List.copyOf(endpoints);
    }
}
