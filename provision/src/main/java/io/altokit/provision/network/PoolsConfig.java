package io.altokit.provision.network;

import io.altokit.core.Rating;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code resource-pools} and {@code rating} sections: where each pool's values come from, the
 * rating that combines the pools' metrics into {@code routingcost}, and the pools' cost calendars.
 */
public record PoolsConfig(Map<Pool, Source> sources, Rating rating, Optional<Calendar> calendar) {

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

    /**
     * {@code resource-pools.calendar} (RFC 8896): pools whose values vary over a period such as a day,
     * each given as one matrix file per interval of {@code intervalSeconds}, in interval order. The
     * pool's own file stays its value for requests without a calendar.
     *
     * @param repeated for how many periods the operator vouches the values hold, if said (RFC 8896 {@code repeated})
     */
    public record Calendar(long intervalSeconds, OptionalInt repeated, Map<Pool, List<Path>> files) {
        public Calendar {
            if (intervalSeconds < 1) {
                throw new IllegalArgumentException("an interval must be at least 1 s, got " + intervalSeconds);
            }
            if (files.isEmpty() || files.values().stream().anyMatch(List::isEmpty)) {
                throw new IllegalArgumentException("a calendar needs at least one pool with at least one interval: " + files);
            }
            Map<Pool, List<Path>> copied = new EnumMap<>(Pool.class);
            files.forEach((pool, paths) -> copied.put(pool, List.copyOf(paths)));
            files = Collections.unmodifiableMap(copied);
        }
    }

    public PoolsConfig {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no pool");
        }
        sources = Collections.unmodifiableMap(new EnumMap<>(sources));
        Objects.requireNonNull(calendar, "calendar");
    }

    /** Pools without a calendar. */
    public PoolsConfig(Map<Pool, Source> sources, Rating rating) {
        this(sources, rating, Optional.empty());
    }

    Set<Path> files() {
        Set<Path> files = sources.values().stream().filter(FromFile.class::isInstance).map(source -> ((FromFile) source).file())
                .collect(Collectors.toSet());
        calendar.ifPresent(c -> c.files().values().forEach(files::addAll));
        return files;
    }
}
