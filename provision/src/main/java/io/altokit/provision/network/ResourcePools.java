package io.altokit.provision.network;

import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code resource-pools} and {@code rating} sections of a network file (docs/configuration.md):
 * each pool becomes its own cost metric, and {@code routingcost} becomes the rating, the weighted
 * combination of the pools.
 */
final class ResourcePools {

    private ResourcePools() {
    }

    /** Reads a pool's matrix file, checked but for its areas being PIDs: {@link MatrixFile#read}, or an earlier read of the same bytes. */
    @FunctionalInterface
    interface MatrixFiles {
        Optional<AreaMatrix> read(Pool pool, Path file, Problems problems);

        /** Each file read from the disk. */
        static MatrixFiles fromDisk() {
            return (pool, file, problems) -> MatrixFile.read(file, () -> Files.newInputStream(file), pool.fileQuantity(), problems);
        }
    }

    /**
     * Each pool's matrix, its areas checked against the PIDs and against the other rated pools'.
     *
     * @param pids the PIDs of the network map
     * @throws ProvisioningException listing every problem of the pool files and areas
     */
    static Map<Pool, AreaMatrix> read(PoolsConfig config, String source, Set<String> pids, MatrixFiles files) {
        Problems problems = new Problems();
        Map<Pool, AreaMatrix> pools = new EnumMap<>(Pool.class);
        config.sources().forEach((pool, from) -> load(pool, from, source, pids, files, problems)
                .ifPresent(matrix -> pools.put(pool, matrix)));
        if (pools.keySet().equals(config.sources().keySet())) {
            checkSameAreas(config.rating(), pools, source, problems);
        }
        problems.throwIfAny();
        return pools;
    }

    /** Adds the pools' costs and the rating to {@code builder}. */
    static void addTo(Snapshot.Builder builder, Map<Pool, AreaMatrix> pools, Rating rating) {
        pools.forEach((pool, matrix) -> builder.costs(pool.metric(), matrix.areas(), matrix.values()));
        builder.rating(rating);
    }

    private static Optional<AreaMatrix> load(Pool pool, PoolsConfig.Source from, String source, Set<String> pids,
                                             MatrixFiles files, Problems problems) {
        String path = source + ": resource-pools." + pool.key();
        return switch (from) {
            case PoolsConfig.FromCoordinates coordinates -> Coordinates.distances(coordinates.areas(), path, pids, problems);
            case PoolsConfig.FromFile file -> {
                int before = problems.count();
                Optional<AreaMatrix> matrix = files.read(pool, file.file(), problems);
                matrix.ifPresent(read -> MatrixFile.checkAreas(read, pids, problems));
                yield problems.count() == before ? matrix : Optional.empty();
            }
        };
    }

    /** Rated pools cover the same areas: otherwise routingcost would silently exist only where they overlap. */
    private static void checkSameAreas(Rating rating, Map<Pool, AreaMatrix> pools, String source, Problems problems) {
        List<Pool> rated = pools.keySet().stream()
                .filter(pool -> rating.weighted().stream().anyMatch(criterion -> criterion.metric().equals(pool.metric())))
                .toList();
        AreaMatrix first = pools.get(rated.getFirst());
        for (Pool pool : rated.subList(1, rated.size())) {
            AreaMatrix other = pools.get(pool);
            List<String> differences = new ArrayList<>();
            missingFrom(other.areas(), first.areas()).ifPresent(areas -> differences.add("lacks " + areas));
            missingFrom(first.areas(), other.areas()).ifPresent(areas -> differences.add("has " + areas + " besides"));
            if (!differences.isEmpty()) {
                problems.add(source + ": resource-pools: the rated pools must cover the same areas, but " + pool.key()
                        + " (" + other.source() + ") " + String.join(" and ", differences)
                        + " the areas of " + rated.getFirst().key() + " (" + first.source() + ")");
            }
        }
    }

    /** The areas of {@code wanted} that {@code areas} lacks, sorted and joined, if any. */
    private static Optional<String> missingFrom(List<String> areas, List<String> wanted) {
        Set<String> present = new HashSet<>(areas);
        List<String> missing = wanted.stream().filter(area -> !present.contains(area)).sorted().toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }
}
