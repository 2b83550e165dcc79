package io.altokit.provision.network;

import io.altokit.core.Rating;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code resource-pools} and {@code rating} sections: where each pool's values come from, and the
 * rating that combines the pools' metrics into {@code routingcost}.
 */
public record PoolsConfig(Map<Pool, Source> sources, Rating rating) {

    /** Where a pool's area-to-area values come from. */
    public sealed interface Source {
    }

    /** A CSV or JSON matrix file (docs/configuration.md). */
    public record FromFile(Path file) implements Source {
    }

    /** The {@code distance} pool: each area's coordinates, distances computed between them. */
    public record FromCoordinates(Map<String, GeoPoint> areas) implements Source {
        public FromCoordinates {
            areas = Collections.unmodifiableMap(new LinkedHashMap<>(areas));
        }
    }

    public PoolsConfig {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no pool");
        }
        sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    Set<Path> files() {
        return sources.values().stream().filter(FromFile.class::isInstance).map(source -> ((FromFile) source).file())
                .collect(Collectors.toSet());
    }
}
