package io.altokit.provision.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.Criterion;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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

    private static final double DEFAULT_WEIGHT = 1;

    private ResourcePools() {
    }

    /**
     * Adds the pools' costs and the rating to {@code builder}; nothing without a resource-pools section.
     *
     * @param directory where pool file names are relative to: the network file's directory
     * @param pids the PIDs of the network map
     * @throws ProvisioningException listing every problem of the sections and of the pool files
     */
    static void addTo(Snapshot.Builder builder, JsonNode root, String source, Path directory, Set<String> pids) {
        JsonNode section = root.path("resource-pools");
        JsonNode rating = root.path("rating");
        if (section.isMissingNode()) {
            if (!rating.isMissingNode()) {
                throw new ProvisioningException(source + ": rating: there is no resource-pools section to rate");
            }
            return;
        }
        if (!section.isObject() || section.isEmpty()) {
            throw new ProvisioningException(source + ": resource-pools: expected a mapping of pools (" + Pool.keys() + ")");
        }
        Problems problems = new Problems();
        Set<Pool> configured = EnumSet.noneOf(Pool.class);
        Map<Pool, AreaMatrix> pools = new EnumMap<>(Pool.class);
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String path = "resource-pools." + entry.getKey();
            Optional<Pool> pool = Pool.byKey(entry.getKey());
            if (pool.isEmpty()) {
                problems.add(source + ": " + path + ": unknown pool (expected one of " + Pool.keys() + ")");
                continue;
            }
            configured.add(pool.get());
            if (root.path("costs").has(pool.get().metric())) {
                problems.add(source + ": costs." + pool.get().metric() + ": also given by " + path + ": give it in one place");
            }
            load(pool.get(), entry.getValue(), source, path, directory, pids, problems)
                    .ifPresent(matrix -> pools.put(pool.get(), matrix));
        }
        Optional<Rating> operatorRating = rating(rating, configured, source, problems);
        if (pools.keySet().equals(configured)) {
            operatorRating.ifPresent(r -> checkSameAreas(r, pools, source, problems));
        }
        problems.throwIfAny();
        pools.forEach((pool, matrix) -> addCosts(builder, pool.metric(), matrix));
        operatorRating.ifPresent(builder::rating);
    }

    /** The pool files the section names, resolved against {@code directory}: what a reload must watch. */
    static Set<Path> files(JsonNode root, Path directory) {
        Set<Path> files = new HashSet<>();
        root.path("resource-pools").properties().forEach(entry -> {
            if (entry.getValue().isTextual() && !entry.getValue().textValue().isBlank()) {
                files.add(directory.resolve(entry.getValue().textValue()));
            }
        });
        return files;
    }

    private static Optional<AreaMatrix> load(Pool pool, JsonNode node, String source, String path, Path directory,
                                             Set<String> pids, Problems problems) {
        if (pool == Pool.DISTANCE) {
            return Coordinates.distances(node, source, path, pids, problems);
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            problems.add(source + ": " + path + ": expected the name of a .csv or .json file, got " + node);
            return Optional.empty();
        }
        return MatrixFile.read(directory.resolve(node.textValue()), pids, pool.fileQuantity(), problems);
    }

    /** The rating of the pools read: {@code rating.weights} where given, {@value #DEFAULT_WEIGHT} for the others. */
    private static Optional<Rating> rating(JsonNode rating, Set<Pool> pools, String source, Problems problems) {
        Map<Pool, Double> weights = rating.isMissingNode() ? Map.of() : weights(rating, pools, source, problems);
        List<Criterion> criteria = new ArrayList<>();
        for (Pool pool : pools) {
            try {
                criteria.add(new Criterion(pool.metric(), weights.getOrDefault(pool, DEFAULT_WEIGHT), pool.penalty()));
            } catch (IllegalArgumentException e) {
                problems.add(source + ": rating.weights." + pool.key() + ": " + e.getMessage());
            }
        }
        if (pools.isEmpty() || criteria.size() < pools.size()) {
            return Optional.empty(); // the pools' or weights' problems are reported
        }
        try {
            return Optional.of(new Rating(criteria));
        } catch (IllegalArgumentException e) {
            problems.add(source + ": rating.weights: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<Pool, Double> weights(JsonNode rating, Set<Pool> pools, String source, Problems problems) {
        Map<Pool, Double> weights = new EnumMap<>(Pool.class);
        if (!rating.isObject() || rating.size() != 1 || !rating.path("weights").isObject()) {
            problems.add(source + ": rating: expected a mapping with one key, weights: a mapping of pool names to weights");
            return weights;
        }
        for (Map.Entry<String, JsonNode> entry : rating.path("weights").properties()) {
            String path = "rating.weights." + entry.getKey();
            Optional<Pool> pool = Pool.byKey(entry.getKey());
            if (pool.isEmpty()) {
                problems.add(source + ": " + path + ": unknown pool (expected one of " + Pool.keys() + ")");
            } else if (!entry.getValue().isNumber()) {
                problems.add(source + ": " + path + ": expected a number, got " + entry.getValue());
            } else if (!pools.contains(pool.get())) {
                problems.add(source + ": " + path + ": there is no " + pool.get().key() + " pool in resource-pools");
            } else {
                weights.put(pool.get(), entry.getValue().doubleValue());
            }
        }
        return weights;
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

    private static void addCosts(Snapshot.Builder builder, String metric, AreaMatrix matrix) {
        List<String> areas = matrix.areas();
        for (int i = 0; i < areas.size(); i++) {
            for (int j = 0; j < areas.size(); j++) {
                builder.cost(metric, areas.get(i), areas.get(j), matrix.values()[i][j]);
            }
        }
    }
}
