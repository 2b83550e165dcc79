package io.altokit.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * RFC 9240 8.3 ReqFilteredPropertyMap: the entities ({@code "ipv4:192.0.2.0/24"},
 * {@code "default-network-map.pid:area-01"}) and property names asked, each list non-empty and
 * without repeats (the server reads a repeated entry once). Entity identifiers stay text: which
 * entity domains exist, and so how an identifier parses, depends on the resource asked.
 */
public record PropertyMapRequest(List<String> entities, List<String> properties) implements QueryBody {
    public PropertyMapRequest {
        entities = List.copyOf(new LinkedHashSet<>(entities));
        properties = List.copyOf(new LinkedHashSet<>(properties));
        if (entities.isEmpty() || properties.isEmpty()) {
            throw new IllegalArgumentException("RFC 9240 8.3: entities and properties need one entry each");
        }
    }

    /**
     * The addresses the entities of the {@code ipv4} and {@code ipv6} domains name: an address, or a
     * prefix's first address. What a budget of addresses per caller counts.
     */
    public List<TypedAddress> addresses() {
        return entities.stream()
                .map(entity -> entity.indexOf('/') < 0 ? entity : entity.substring(0, entity.indexOf('/')))
                .map(TypedAddress::parse).flatMap(Optional::stream).toList();
    }
}
