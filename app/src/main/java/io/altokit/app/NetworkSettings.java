package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.ConfigProblems;
import io.altokit.app.config.NearestKey;
import io.altokit.core.AddressFamily;
import io.altokit.core.Criterion;
import io.altokit.core.IpPrefix;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.model.CostMetrics;
import io.altokit.model.EntityPropertyNames;
import io.altokit.model.PidNames;
import io.altokit.provision.bgp.MrtConfig;
import io.altokit.provision.network.GeoPoint;
import io.altokit.provision.network.NetworkConfig;
import io.altokit.provision.network.NetworkFile;
import io.altokit.provision.network.Pool;
import io.altokit.provision.network.PoolsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The network sections of the file (default-pid, network-map with PID properties, prefix-files, costs, resource-pools,
 * rating, mrt) read into a {@link NetworkConfig}, from which {@code provision} builds the snapshot.
 */
final class NetworkSettings {
    private static final Set<String> FAMILIES = Set.of("ipv4", "ipv6");
    private static final String PROPERTIES = "properties";
    private static final Set<String> PID_KEYS = Set.of("ipv4", "ipv6", PROPERTIES);
    private static final Set<String> MRT_KEYS = Set.of("file", "peer", "rules", "default-pid");
    private static final Set<String> COORDINATES = Set.of("lat", "lon");
    /** The key of {@code resource-pools} that holds the pools' cost calendars rather than a pool. */
    private static final String CALENDAR = "calendar";
    private static final String INTERVAL = "interval";
    private static final String REPEATED = "repeated";
    /** A pool the rating does not name weighs this much. */
    private static final double DEFAULT_WEIGHT = 1;

    private NetworkSettings() {
    }

    /**
     * Reads the network sections, checked. Every mistake is reported at once: those of each section
     * (of each pool and area) and those of the data files the sections name, which are read when a
     * section has a mistake (a valid file's data files are read once, by the snapshot's build).
     */
    static NetworkConfig sections(ConfigNode root) {
        ConfigProblems problems = new ConfigProblems();
        NetworkConfig config = config(root, problems);
        if (!problems.isEmpty()) {
            // Reading the data files without building the snapshot: the sections' gaps cause no mistakes of their own.
            problems.attempt(() -> NetworkFile.builder(config));
            problems.throwIfAny();
        }
        return config;
    }

    /** The snapshot the file describes. */
    static Snapshot snapshot(ConfigNode root) {
        return NetworkFile.build(sections(root));
    }

    /** The network sections, every mistake in them reported at once; the data files they name are not read. */
    static NetworkConfig config(ConfigNode root) {
        ConfigProblems problems = new ConfigProblems();
        NetworkConfig config = config(root, problems);
        problems.throwIfAny();
        return config;
    }

    /**
     * The sections, each mistake recorded in {@code problems} and the part it is in left out. Only the
     * PIDs (network-map, prefix-files, default-pid) stop the reading at once: every other part is
     * checked against them.
     */
    private static NetworkConfig config(ConfigNode root, ConfigProblems problems) {
        boolean fromRoutes = root.has("bgp") || root.has("mrt");
        List<Path> prefixFiles = root.texts("prefix-files").stream().map(root.directory()::resolve).toList();
        Map<String, List<IpPrefix>> pids = new LinkedHashMap<>();
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        root.get("network-map").ifPresent(map -> map.entries().forEach((pid, entry) -> {
            String name = pid(map, pid);
            pids.put(name, prefixes(entry));
            entry.get(PROPERTIES).ifPresent(given -> properties.put(name, properties(given)));
        }));
        if (pids.isEmpty() && prefixFiles.isEmpty() && !fromRoutes) {
            throw root.error("network-map", "must be a mapping of PID names to prefix lists (or give prefix-files, bgp or mrt)");
        }
        Optional<String> defaultPid = root.get("default-pid").map(BgpSettings::pid);
        if (root.has("bgp") && root.has("mrt")) {
            problems.add(root.error("mrt", "a network takes its routes from bgp or from mrt, not both"));
        }
        Optional<PoolsConfig> pools = pools(root, problems);
        List<NetworkConfig.Cost> costs = problems.attempt(() -> costs(root, pools)).orElse(List.of());
        Optional<MrtConfig> mrt = problems.attempt(() -> mrt(root, defaultPid(root))).flatMap(read -> read);
        return new NetworkConfig(root.file().toString(), defaultPid, pids, properties, prefixFiles, costs, pools, mrt);
    }

    /** The PID of routes no rule matches, unless their section names its own: the file's default PID. */
    static String defaultPid(ConfigNode root) {
        return root.get("default-pid").map(BgpSettings::pid).orElse(Snapshot.DEFAULT_PID);
    }

    private static String pid(ConfigNode map, String name) {
        if (!PidNames.isValid(name)) {
            throw map.error(name, "invalid PID name \"" + name + "\": use " + PidNames.RULE);
        }
        return name;
    }

    private static List<IpPrefix> prefixes(ConfigNode entry) {
        List<IpPrefix> prefixes = new ArrayList<>();
        entry.mapping(PID_KEYS).entries().forEach((group, list) -> {
            if (!FAMILIES.contains(group)) {
                return;
            }
            AddressFamily family = group.equals("ipv4") ? AddressFamily.IPV4 : AddressFamily.IPV6;
            if (!list.isList()) {
                throw list.error("expected a list of prefixes, got " + list.describe());
            }
            for (ConfigNode element : list.list()) {
                IpPrefix prefix;
                try {
                    prefix = IpPrefix.parse(element.textExpecting("a prefix such as 10.0.0.0/8"));
                } catch (IllegalArgumentException e) {
                    throw element.error(e.getMessage());
                }
                if (prefix.family() != family) {
                    throw element.error(element.text() + " is not an " + group + " prefix");
                }
                prefixes.add(prefix);
            }
        });
        return prefixes;
    }

    /**
     * A PID's own properties, served in property maps (RFC 9240): each type private ({@code priv:}
     * and a name, RFC 9240 5.2.1, since no registered type is the operator's to give), each value a
     * string or a number, served as a string.
     */
    private static Map<String, String> properties(ConfigNode given) {
        if (!given.isMapping()) {
            throw given.error("expected a mapping of property types (priv:name) to values, got " + given.describe());
        }
        Map<String, String> values = new LinkedHashMap<>();
        given.entries().forEach((type, value) -> {
            if (!EntityPropertyNames.isPrivateType(type)) {
                throw given.error(type, "'" + type + "' is not a private entity property type: priv: and a name, "
                        + EntityPropertyNames.TYPE_RULE + " in all (RFC 9240 5.2.1)");
            }
            values.put(type, value.scalar());
        });
        return values;
    }

    /**
     * A metric a server offers is registered (RFC 7285, RFC 9439) or private ({@code priv:}); any
     * other name (a typo such as {@code routing_cost}) would be published as if it were standard.
     */
    private static List<NetworkConfig.Cost> costs(ConfigNode root, Optional<PoolsConfig> pools) {
        List<NetworkConfig.Cost> costs = new ArrayList<>();
        root.get("costs").ifPresent(section -> section.entries().forEach((metric, matrix) -> {
            if (!CostMetrics.isRegisteredOrPrivate(metric)) {
                throw matrix.error("'" + metric + "' is neither a registered cost metric ("
                        + String.join(", ", CostMetrics.REGISTERED.stream().sorted().toList())
                        + ") nor a private one (priv:name)"
                        + NearestKey.suggestion(metric, CostMetrics.REGISTERED));
            }
            pools.flatMap(p -> p.sources().keySet().stream().filter(pool -> pool.metric().equals(metric)).findFirst())
                    .ifPresent(pool -> {
                        throw matrix.error("also given by resource-pools." + pool.key() + ": give it in one place");
                    });
            matrix.entries().forEach((from, row) -> row.entries().forEach((to, cell) ->
                    costs.add(new NetworkConfig.Cost(metric, from, to, cell.number()))));
        }));
        return costs;
    }

    /**
     * The pools that read without a mistake, rated; each pool's mistakes recorded. A pool with a
     * mistake is left out, but the rating may still weigh it (its weight is checked all the same).
     */
    private static Optional<PoolsConfig> pools(ConfigNode root, ConfigProblems problems) {
        Optional<ConfigNode> section = root.get("resource-pools");
        Optional<ConfigNode> rating = root.get("rating");
        if (section.isEmpty()) {
            rating.ifPresent(r -> problems.add(r.error("there is no resource-pools section to rate")));
            return Optional.empty();
        }
        if (!section.get().isMapping() || section.get().entries().isEmpty()) {
            problems.add(section.get().error("expected a mapping of pools (" + Pool.keys() + ")"));
            return Optional.empty();
        }
        Set<Pool> named = EnumSet.noneOf(Pool.class);
        Map<Pool, PoolsConfig.Source> sources = new EnumMap<>(Pool.class);
        section.get().entries().forEach((key, value) -> {
            if (!key.equals(CALENDAR)) {
                problems.attempt(() -> Pool.byKey(key).orElseThrow(() -> section.get().unknownKey(key,
                        Stream.concat(poolKeys().stream(), Stream.of(CALENDAR)).collect(Collectors.toSet())))).ifPresent(pool -> {
                    named.add(pool);
                    problems.attempt(() -> source(pool, value)).ifPresent(source -> sources.put(pool, source));
                });
            }
        });
        Optional<PoolsConfig.Calendar> calendar = section.get().get(CALENDAR)
                .flatMap(node -> problems.attempt(() -> calendar(node, named)));
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        return problems.attempt(() -> new PoolsConfig(sources, rating(rating, named, sources.keySet()), calendar));
    }

    /**
     * {@code resource-pools.calendar}: the interval, then per pool one matrix file per interval. A
     * calendar varies a pool of the section, whose own file answers requests without a calendar.
     */
    private static PoolsConfig.Calendar calendar(ConfigNode node, Set<Pool> named) {
        if (!node.isMapping() || !node.has(INTERVAL)) {
            throw node.error("expected { interval: a duration such as 1h, <pool>: [one matrix file per interval, in order] }, got "
                    + node.describe());
        }
        Duration interval = node.required(INTERVAL).duration(Duration.ofSeconds(1), Duration.ofDays(366));
        if (interval.getNano() != 0) {
            throw node.error(INTERVAL, "must be whole seconds (RFC 8896 time-interval-size), got " + interval);
        }
        Map<Pool, List<Path>> files = new EnumMap<>(Pool.class);
        node.entries().forEach((key, value) -> {
            if (key.equals(INTERVAL) || key.equals(REPEATED)) {
                return;
            }
            Pool pool = Pool.byKey(key).orElseThrow(() -> node.unknownKey(key, calendarKeys()));
            if (pool == Pool.DISTANCE) {
                throw value.error("distances between areas do not vary over time: a calendar is for the pools given in files");
            }
            if (!named.contains(pool)) {
                throw value.error("there is no " + key + " pool in resource-pools: its own file answers requests without a calendar");
            }
            if (!value.isList() || value.list().isEmpty()) {
                throw value.error("expected a list of matrix files, one per interval, got " + value.describe());
            }
            files.put(pool, value.list().stream()
                    .map(file -> value.directory().resolve(file.textExpecting("the name of a .csv or .json file"))).toList());
        });
        if (files.isEmpty()) {
            throw node.error("names no pool: give one, e.g. utilization: [one matrix file per interval]");
        }
        Set<Integer> counts = files.values().stream().map(List::size).collect(Collectors.toSet());
        if (counts.size() > 1) {
            throw node.error("every pool's calendar must have as many intervals, but "
                    + files.entrySet().stream().map(pool -> pool.getKey().key() + " has " + pool.getValue().size())
                    .collect(Collectors.joining(", ")));
        }
        OptionalInt repeated = node.integer(REPEATED, 1, Integer.MAX_VALUE).map(OptionalInt::of).orElse(OptionalInt.empty());
        return new PoolsConfig.Calendar(interval.toSeconds(), repeated, files);
    }

    private static Set<String> calendarKeys() {
        Set<String> keys = new HashSet<>(poolKeys());
        keys.remove(Pool.DISTANCE.key());
        keys.add(INTERVAL);
        keys.add(REPEATED);
        return keys;
    }

    private static PoolsConfig.Source source(Pool pool, ConfigNode value) {
        return pool == Pool.DISTANCE ? coordinates(value)
                : new PoolsConfig.FromFile(value.directory().resolve(value.textExpecting("the name of a .csv or .json file")));
    }

    private static Pool pool(ConfigNode section, String key) {
        return Pool.byKey(key).orElseThrow(() -> section.unknownKey(key, poolKeys()));
    }

    private static Set<String> poolKeys() {
        return Arrays.stream(Pool.values()).map(Pool::key).collect(Collectors.toSet());
    }

    /** Every area's coordinates; a mistake in any area (all of them reported) leaves no distances. */
    private static PoolsConfig.FromCoordinates coordinates(ConfigNode areas) {
        if (!areas.isMapping() || areas.entries().isEmpty()) {
            throw areas.error("expected a mapping of areas to { lat: degrees, lon: degrees }");
        }
        Map<String, GeoPoint> points = new LinkedHashMap<>();
        ConfigProblems problems = new ConfigProblems();
        areas.entries().forEach((area, point) -> problems.attempt(() -> point(point)).ifPresent(p -> points.put(area, p)));
        problems.throwIfAny();
        return new PoolsConfig.FromCoordinates(points);
    }

    private static GeoPoint point(ConfigNode point) {
        if (!point.isMapping() || !point.has("lat") || !point.has("lon")) {
            throw point.error("expected { lat: degrees, lon: degrees }, got " + point.describe());
        }
        point.mapping(COORDINATES);
        try {
            return new GeoPoint(point.required("lat").number(), point.required("lon").number());
        } catch (IllegalArgumentException e) {
            throw point.error(e.getMessage());
        }
    }

    /**
     * The rating of {@code pools}: {@code rating.weights} where given, {@value #DEFAULT_WEIGHT} for the
     * others; a weight may name any pool of {@code named}, the pools of the section.
     */
    private static Rating rating(Optional<ConfigNode> section, Set<Pool> named, Set<Pool> pools) {
        Map<Pool, Double> weights = new EnumMap<>(Pool.class);
        Optional<ConfigNode> given = section.map(rating -> rating.mapping(Set.of("weights")).required("weights"));
        given.ifPresent(node -> node.entries().forEach((key, weight) -> {
            Pool pool = pool(node, key);
            if (!named.contains(pool)) {
                throw weight.error("there is no " + key + " pool in resource-pools");
            }
            weights.put(pool, weight.number());
        }));
        List<Criterion> criteria = new ArrayList<>();
        for (Pool pool : pools) {
            try {
                criteria.add(new Criterion(pool.metric(), weights.getOrDefault(pool, DEFAULT_WEIGHT), pool.penalty()));
            } catch (IllegalArgumentException e) {
                throw given.orElseThrow().error(pool.key(), e.getMessage());
            }
        }
        try {
            return new Rating(criteria);
        } catch (IllegalArgumentException e) {
            throw given.map(node -> node.error(e.getMessage())).orElseThrow(() -> new IllegalStateException(e));
        }
    }

    private static Optional<MrtConfig> mrt(ConfigNode root, String fallbackPid) {
        return root.section("mrt", MRT_KEYS).map(mrt -> new MrtConfig(
                mrt.directory().resolve(mrt.required("file").textExpecting("the name of an MRT file")),
                mrt.get("peer").map(BgpSettings::address),
                BgpSettings.rules(mrt, fallbackPid)));
    }
}
