package io.altokit.provision.network;

import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    /**
     * Reads the calendar's interval files and adds each pool's calendar to {@code builder}. Each
     * interval is checked as a pool file is, and must cover the areas of its pool's own matrix in
     * {@code pools}: a calendar that lacked some would leave those pairs without costs at some hours.
     *
     * @throws ProvisioningException listing every problem of the interval files
     */
    static void addCalendar(Snapshot.Builder builder, PoolsConfig.Calendar calendar, String source, Map<Pool, AreaMatrix> pools) {
        Problems problems = new Problems();
        Map<Pool, List<AreaMatrix>> read = new EnumMap<>(Pool.class);
        calendar.files().forEach((pool, files) -> {
            List<AreaMatrix> intervals = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String where = source + ": resource-pools.calendar." + pool.key() + "[" + i + "] (" + file + ") ";
                int before = problems.count();
                Optional<AreaMatrix> interval = MatrixFile.read(file, () -> Files.newInputStream(file), pool.fileQuantity(), problems);
                // Its pool's own matrix; the first interval where the pool itself did not read.
                Optional<AreaMatrix> reference = Optional.ofNullable(pools.get(pool)).or(() -> intervals.stream().findFirst());
                if (interval.isPresent() && reference.isPresent()) {
                    sameAreas(interval.get(), reference.get()).ifPresent(difference -> problems.add(where + difference
                            + " the areas of " + reference.get().source()));
                }
                if (problems.count() == before) {
                    intervals.add(interval.orElseThrow());
                }
            }
            read.put(pool, intervals);
        });
        problems.throwIfAny();
        read.forEach((pool, intervals) -> builder.calendar(pool.metric(), calendar.intervalSeconds(), calendar.repeated(),
                intervals.getFirst().areas(),
                intervals.stream().map(interval -> reordered(interval, intervals.getFirst().areas())).toList()));
    }

    /** How {@code matrix} differs in its areas from {@code wanted}, if it does. */
    private static Optional<String> sameAreas(AreaMatrix matrix, AreaMatrix wanted) {
        List<String> differences = new ArrayList<>();
        missingFrom(matrix.areas(), wanted.areas()).ifPresent(areas -> differences.add("lacks " + areas));
        missingFrom(wanted.areas(), matrix.areas()).ifPresent(areas -> differences.add("has " + areas + " besides"));
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", differences));
    }

    /** {@code matrix}'s values with rows and columns in the order of {@code areas}, which are its own areas. */
    private static double[][] reordered(AreaMatrix matrix, List<String> areas) {
        if (matrix.areas().equals(areas)) {
            return matrix.values();
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < matrix.areas().size(); i++) {
            index.put(matrix.areas().get(i), i);
        }
        double[][] values = new double[areas.size()][areas.size()];
        for (int i = 0; i < areas.size(); i++) {
            double[] row = matrix.values()[index.get(areas.get(i))];
            for (int j = 0; j < areas.size(); j++) {
                values[i][j] = row[index.get(areas.get(j))];
            }
        }
        return values;
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
