package io.altokit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 9240 7.6 InfoResourceProperties: entity identifier -> property name -> value. A value is a
 * string, or empty for JSON {@code null}: the property is defined to have no value for that entity,
 * so it does not inherit one (RFC 9240 6.3).
 */
public record PropertyMapResponse(List<VersionTag> dependentVtags, Map<String, Map<String, Optional<String>>> properties) {
    public PropertyMapResponse {
        dependentVtags = List.copyOf(dependentVtags);
        Map<String, Map<String, Optional<String>>> copied = new LinkedHashMap<>();
        properties.forEach((entity, values) -> copied.put(entity, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        properties = Collections.unmodifiableMap(copied);
    }
}
