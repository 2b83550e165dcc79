package io.altokit.model;

import java.util.List;
import java.util.Map;

/** RFC 7285 11.4.1.6 InfoResourceEndpointProperties: typed address -> property -> value. */
public record EndpointPropertyResponse(List<VersionTag> dependentVtags, Map<String, Map<String, String>> properties) {
}
