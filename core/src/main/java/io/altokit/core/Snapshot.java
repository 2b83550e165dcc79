package io.altokit.core;

import io.altokit.model.CostMetrics;
import io.altokit.model.PidNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Everything the server knows about the network at one moment: a network map, the operator's
 * properties of its PIDs, one cost matrix per metric and, for metrics whose costs vary over the
 * day, their cost calendars (RFC 8896). Immutable, so threads share it freely; a change is a new
 * snapshot.
 */
public final class Snapshot {

    private final NetworkMap networkMap;
    /** The PID that gets the default routes when the builder is not told another. */
    public static final String DEFAULT_PID = "default";

    private final SortedMap<String, CostMatrix> costMatrices;
    private final List<String> metrics;
    private final PidProperties pidProperties;
    private final SortedMap<String, CostCalendar> calendars;

    private Snapshot(NetworkMap networkMap, PidProperties pidProperties, SortedMap<String, CostMatrix> costMatrices,
                     SortedMap<String, CostCalendar> calendars) {
        this.networkMap = networkMap;
        this.pidProperties = pidProperties;
        this.costMatrices = Collections.unmodifiableSortedMap(costMatrices);
        this.metrics = List.copyOf(costMatrices.keySet());
        this.calendars = Collections.unmodifiableSortedMap(calendars);
    }

    public NetworkMap networkMap() {
        return networkMap;
    }

    /** The operator's properties of the network map's PIDs (RFC 9240 entity properties). */
    public PidProperties pidProperties() {
        return pidProperties;
    }

    public Optional<CostMatrix> costMatrix(String metric) {
        return Optional.ofNullable(costMatrices.get(metric));
    }

    /** Metrics with a cost matrix, sorted. */
    public List<String> metrics() {
        return metrics;
    }

    /** The cost calendar of a metric whose costs vary over time, if it has one. */
    public Optional<CostCalendar> calendar(String metric) {
        return Optional.ofNullable(calendars.get(metric));
    }

    /** Every cost calendar, by metric; each such metric also has its plain {@link #costMatrix}. */
    public SortedMap<String, CostCalendar> calendars() {
        return calendars;
    }

    /**
     * What differs when any cost of {@code metric} does: its matrix's vtag, and its calendar's when it
     * has one; empty without a matrix. Builds compare these to find the metrics a change touched.
     */
    public Optional<String> costTag(String metric) {
        return costMatrix(metric).map(matrix -> calendar(metric).map(calendar -> matrix.vtag() + "/" + calendar.vtag()).orElse(matrix.vtag()));
    }

    /**
     * This snapshot as a privacy policy shows it: the network map with aggregated prefixes (same
     * longest-prefix-match answers, see {@link NetworkMap#withAggregatedPrefixes()}) and the same costs.
     */
    public Snapshot withAggregatedPrefixes() {
        NetworkMap aggregated = networkMap.withAggregatedPrefixes();
        SortedMap<String, CostMatrix> matrices = new TreeMap<>();
        costMatrices.forEach((metric, matrix) -> matrices.put(metric, matrix.over(aggregated.vtag())));
        return new Snapshot(aggregated, pidProperties, matrices, mapCalendars(matrix -> matrix.over(aggregated.vtag())));
    }

    /**
     * This snapshot with every metric's costs quantised into at most {@code levels} values (rule in
     * {@link CostLevels}: levels cut at quantiles of the matrix's costs, each reported as its median).
     *
     * @throws IllegalArgumentException if {@code levels < 1}
     */
    public Snapshot withQuantisedCosts(int levels) {
        SortedMap<String, CostMatrix> matrices = new TreeMap<>();
        costMatrices.forEach((metric, matrix) -> matrices.put(metric, matrix.quantised(levels, networkMap.vtag())));
        return new Snapshot(networkMap, pidProperties, matrices, mapCalendars(matrix -> matrix.quantised(levels, networkMap.vtag())));
    }

    private SortedMap<String, CostCalendar> mapCalendars(UnaryOperator<CostMatrix> change) {
        SortedMap<String, CostCalendar> mapped = new TreeMap<>();
        calendars.forEach((metric, calendar) -> mapped.put(metric, calendar.map(change)));
        return mapped;
    }

    /**
     * This snapshot with the cost matrices of {@code metrics} taken from {@code source} and laid over
     * this snapshot's PIDs (a pair with a PID that {@code source} lacks has no cost; a metric it lacks
     * is dropped), their calendars too: what building this snapshot again from {@code source} would
     * give when only those metrics' costs differ. The network map and every other matrix are this
     * snapshot's own, shared.
     */
    public Snapshot withCostsOf(Snapshot source, Collection<String> metrics) {
        SortedMap<String, CostMatrix> matrices = new TreeMap<>(costMatrices);
        SortedMap<String, CostCalendar> calendarsNow = new TreeMap<>(calendars);
        List<String> names = networkMap.pidNames();
        List<String> sourceNames = source.networkMap().pidNames();
        UnaryOperator<CostMatrix> laidOver = matrix -> relaid(matrix, sourceNames, names, networkMap.vtag());
        for (String metric : metrics) {
            matrices.remove(metric);
            calendarsNow.remove(metric);
            source.costMatrix(metric).ifPresent(matrix -> matrices.put(metric, laidOver.apply(matrix)));
            source.calendar(metric).ifPresent(calendar -> calendarsNow.put(metric, calendar.map(laidOver)));
        }
        return new Snapshot(networkMap, pidProperties, matrices, calendarsNow);
    }

    /** {@code matrix}, over PIDs {@code from}, laid over PIDs {@code to} of the network map {@code vtag}. */
    private static CostMatrix relaid(CostMatrix matrix, List<String> from, List<String> to, String vtag) {
        return to.equals(from) ? matrix.over(vtag) : new CostMatrix(matrix.metric(), to.size(), matrix.costsOver(from, to), vtag);
    }

    /**
     * This snapshot with {@code properties} for its PIDs, the network map and cost matrices shared:
     * what building it again gives when only the properties changed.
     *
     * @throws SnapshotException if a property is given to a PID the network map lacks
     */
    public Snapshot withPidProperties(PidProperties properties) {
        if (properties.equals(pidProperties)) {
            return this;
        }
        List<String> unknown = properties.pids().stream().filter(pid -> networkMap.indexOf(pid).isEmpty())
                .map(pid -> "properties of unknown PID '" + pid + "'").toList();
        if (!unknown.isEmpty()) {
            throw new SnapshotException(unknown);
        }
        return new Snapshot(networkMap, properties, costMatrices, calendars);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts with this snapshot's PIDs, prefixes and costs, for building the next
     * snapshot from this one plus a change (routes added to a network file's map) without going
     * back to the sources. A cost given to it replaces the inherited cost of that cell; a rating
     * given to it recomputes {@code routingcost}.
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        List<String> names = networkMap.pidNames();
        names.forEach(name -> builder.pid(name, List.of()));
        for (AddressFamily family : AddressFamily.values()) {
            for (Assignment assignment : networkMap.prefixTable(family).assignments()) {
                builder.add(builder.prefixesByPid.get(names.get(assignment.pid())), assignment.prefix());
            }
        }
        builder.inheritedNames = names;
        builder.inherited.putAll(costMatrices);
        builder.inheritedCalendars.putAll(calendars);
        builder.pidProperties = pidProperties;
        return builder;
    }

    /**
     * A builder of the next snapshot over this one's network map, for a change of costs alone (a
     * pool file's cells): it takes costs and a rating, not PIDs or prefixes. A metric given costs
     * gets exactly those, its matrix replaced rather than laid over; the other metrics keep this
     * snapshot's matrices, shared; a rating recomputes {@code routingcost} from the costs as they then
     * are. What building the whole network again gives when only those costs changed, without
     * ordering its prefixes or recomputing its other matrices again.
     */
    public Builder costsBuilder() {
        Builder builder = new Builder();
        builder.networkMap = Optional.of(networkMap);
        builder.inheritedNames = networkMap.pidNames();
        builder.inherited.putAll(costMatrices);
        builder.inheritedCalendars.putAll(calendars);
        builder.pidProperties = pidProperties;
        return builder;
    }

    @Override
    public String toString() {
        return "Snapshot[" + networkMap + ", metrics " + metrics + (calendars.isEmpty() ? "" : ", calendars " + calendars.keySet()) + "]";
    }

    /**
     * Collects PIDs, prefixes and costs in any order; {@link #build()} checks them all at once. The
     * result does not depend on the order of the calls. Not thread-safe.
     */
    public static final class Builder {
        /** Sort keys: an IPv4 address in the upper 32 bits, its length in 6 bits, the list position below. */
        private static final int SORT_INDEX_BITS = 25;
        private static final int SORT_INDEX_MAX = (1 << SORT_INDEX_BITS) - 1;
        /** IPv6 pre-sort keys: the top address bits, as many as fit above the list position. */
        private static final int IPV6_SORT_BITS = 64 - SORT_INDEX_BITS - 1;

        private final Map<String, List<PrefixKey>> prefixesByPid = new HashMap<>();
        /** Families whose default route some PID was given, so build() need not search a million prefixes. */
        private final Set<AddressFamily> defaultRoutesGiven = EnumSet.noneOf(AddressFamily.class);
        private final SortedMap<String, GivenCosts> costsByMetric = new TreeMap<>();
        private String defaultPid = DEFAULT_PID;
        private Optional<Rating> rating = Optional.empty();
        /** Costs of the snapshot this builder started from (see {@link Snapshot#toBuilder()}), over its PIDs. */
        private final SortedMap<String, CostMatrix> inherited = new TreeMap<>();
        private final SortedMap<String, CostCalendar> inheritedCalendars = new TreeMap<>();
        private final SortedMap<String, GivenCalendar> calendarsByMetric = new TreeMap<>();
        private List<String> inheritedNames = List.of();
        /** The network map of a {@link #costsBuilder()}, taken as it is; its given metrics replace the inherited ones. */
        private Optional<NetworkMap> networkMap = Optional.empty();
        private PidProperties pidProperties = PidProperties.NONE;

        private Builder() {}

        /**
         * Adds prefixes (either family) to a PID, creating it on first use.
         *
         * @throws IllegalStateException on a {@link #costsBuilder()}, which keeps its network map
         */
        public Builder pid(String name, Collection<IpPrefix> prefixes) {
            requireOwnNetworkMap();
            List<PrefixKey> keys = prefixesByPid.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>());
            prefixes.forEach(prefix -> add(keys, PrefixKey.of(prefix)));
            return this;
        }

        /**
         * Adds one prefix given as bits (left-aligned as in {@link io.altokit.model.IpBits}), for
         * feeds of a million routes where {@link IpPrefix} objects would only slow the build down.
         *
         * @throws IllegalArgumentException if the length does not fit the family or host bits are set
         * @throws IllegalStateException on a {@link #costsBuilder()}, which keeps its network map
         */
        public Builder prefix(String pid, AddressFamily family, long high, long low, int length) {
            requireOwnNetworkMap();
            if (length < 0 || length > family.bits()
                    || (high & ~AddressBits.highMask(length)) != 0 || (low & ~AddressBits.lowMask(length)) != 0
                    || family == AddressFamily.IPV4 && ((high & 0xFFFF_FFFFL) != 0 || low != 0)) {
                throw new IllegalArgumentException("not a " + family + " prefix of length " + length + ": "
                        + Long.toHexString(high) + ":" + Long.toHexString(low));
            }
            add(prefixesByPid.computeIfAbsent(Objects.requireNonNull(pid, "pid"), n -> new ArrayList<>()),
                    new PrefixKey(family, high, low, length));
            return this;
        }

        /**
         * The PID that gets 0.0.0.0/0 and ::/0 unless a configured PID already has them, so that
         * every address maps to some PID. Created if needed; "default" unless set.
         */
        public Builder defaultPid(String name) {
            requireOwnNetworkMap();
            defaultPid = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The operator's properties of PIDs, replacing any given before; each PID must be one of the map's. */
        public Builder pidProperties(PidProperties properties) {
            pidProperties = Objects.requireNonNull(properties, "properties");
            return this;
        }

        private void requireOwnNetworkMap() {
            if (networkMap.isPresent()) {
                throw new IllegalStateException("a costs builder keeps the network map of the snapshot it came from");
            }
        }

        /** Sets the cost from one PID to another; {@code value} must be finite and not negative. */
        public Builder cost(String metric, String srcPid, String dstPid, double value) {
            given(metric).cells().add(new Cost(Objects.requireNonNull(srcPid, "srcPid"), Objects.requireNonNull(dstPid, "dstPid"), value));
            return this;
        }

        /**
         * Sets the costs between the pairs of {@code pids}: {@code rows[i][j]} from {@code pids.get(i)}
         * to {@code pids.get(j)}, each as {@link #cost} would, NaN for none. A pool matrix has millions
         * of cells; given this way it costs no object per cell. The rows are kept, not copied, until
         * {@link #build()}: the caller must not change them.
         */
        public Builder costs(String metric, List<String> pids, double[][] rows) {
            given(metric).blocks().add(new CostBlock(List.copyOf(pids), checkedRows(pids, rows)));
            return this;
        }

        private static double[][] checkedRows(List<String> pids, double[][] rows) {
            if (rows.length != pids.size()) {
                throw new IllegalArgumentException(rows.length + " rows for " + pids.size() + " PIDs");
            }
            for (double[] row : rows) {
                if (row.length != pids.size()) {
                    throw new IllegalArgumentException("a row of " + row.length + " costs for " + pids.size() + " PIDs");
                }
            }
            return rows;
        }

        /**
         * Sets the cost calendar of {@code metric} (RFC 8896): {@code intervals.get(t)[i][j]} from
         * {@code pids.get(i)} to {@code pids.get(j)} in the t-th interval of {@code intervalSeconds},
         * each as {@link #costs} would; {@code repeated} as {@link CostCalendar#repeated()}. It
         * replaces an inherited calendar whole. The metric must have
         * plain costs too, which requests without a calendar are answered from. With a {@link #rating},
         * a calendar of a weighted criterion gives {@code routingcost} a calendar: each interval rated
         * with that interval's costs of the calendared criteria and the plain costs of the others.
         */
        public Builder calendar(String metric, long intervalSeconds, OptionalInt repeated, List<String> pids,
                                List<double[][]> intervals) {
            List<GivenCosts> given = new ArrayList<>();
            for (double[][] rows : intervals) {
                GivenCosts interval = new GivenCosts(new ArrayList<>(), new ArrayList<>());
                interval.blocks().add(new CostBlock(List.copyOf(pids), checkedRows(pids, rows)));
                given.add(interval);
            }
            calendarsByMetric.put(Objects.requireNonNull(metric, "metric"), new GivenCalendar(intervalSeconds, repeated, given));
            return this;
        }

        private GivenCosts given(String metric) {
            return costsByMetric.computeIfAbsent(Objects.requireNonNull(metric, "metric"),
                    m -> new GivenCosts(new ArrayList<>(), new ArrayList<>()));
        }

        /**
         * Computes {@code routingcost} from the other metrics' costs at {@link #build()}, so costs
         * must not be given for it. A pair is rated where every weighted criterion has a cost.
         */
        public Builder rating(Rating rating) {
            this.rating = Optional.of(rating);
            return this;
        }

        /**
         * @throws SnapshotException listing every invalid PID name or cost metric, prefix claimed by
         *     two PIDs, cost naming an unknown PID, cost that is negative, NaN or infinite, pair
         *     given two different costs, {@code routingcost} both given and rated, and rating
         *     criterion without costs, and properties of a PID the map lacks
         */
        public Snapshot build() {
            List<String> problems = new ArrayList<>();
            List<String> names;
            Map<AddressFamily, List<Assignment>> prefixes;
            if (networkMap.isPresent()) {
                names = networkMap.get().pidNames();
                prefixes = Map.of();
            } else {
                Map<String, List<PrefixKey>> pids = withDefaultRoutes();
                names = pids.keySet().stream().sorted().toList();
                names.stream()
                        .filter(name -> !PidNames.isValid(name))
                        .forEach(name -> problems.add("invalid PID name \"" + name + "\": use " + PidNames.RULE));
                prefixes = assignments(pids, names, problems);
            }
            Set<String> known = Set.copyOf(names);
            pidProperties.pids().stream().filter(pid -> !known.contains(pid))
                    .forEach(pid -> problems.add("properties of unknown PID '" + pid + "'"));
            SortedMap<String, double[]> costs = costs(names, problems);
            SortedMap<String, DenseCalendar> calendars = calendars(names, problems);
            rating.ifPresent(operatorRating -> rate(operatorRating, costs, calendars, names, problems));
            calendars.keySet().stream()
                    .filter(metric -> !costs.containsKey(metric) && !inherited.containsKey(metric))
                    .forEach(metric -> problems.add("cost calendar \"" + metric + "\" has no plain costs to answer requests without a calendar"));
            if (!problems.isEmpty()) {
                throw new SnapshotException(problems);
            }
            NetworkMap networkMap = this.networkMap.orElseGet(() ->
                    new NetworkMap(names, prefixes.get(AddressFamily.IPV4), prefixes.get(AddressFamily.IPV6)));
            SortedMap<String, CostMatrix> matrices = new TreeMap<>();
            inherited.forEach((metric, matrix) -> {
                if (!costs.containsKey(metric)) {
                    matrices.put(metric, names.equals(inheritedNames)
                            ? matrix.over(networkMap.vtag())
                            : new CostMatrix(metric, names.size(), matrix.costsOver(inheritedNames, names), networkMap.vtag()));
                }
            });
            // A metric given costs anew keeps no inherited calendar: only one given with them.
            Set<String> givenAnew = Set.copyOf(costs.keySet());
            // Each dense double[] goes as soon as its compact matrix is made (200 MB apiece at 5,000 PIDs).
            for (var dense = costs.entrySet().iterator(); dense.hasNext(); ) {
                var metric = dense.next();
                matrices.put(metric.getKey(), new CostMatrix(metric.getKey(), names.size(), metric.getValue(), networkMap.vtag()));
                dense.remove();
            }
            SortedMap<String, CostCalendar> calendarMatrices = new TreeMap<>();
            inheritedCalendars.forEach((metric, calendar) -> {
                if (!calendars.containsKey(metric) && !givenAnew.contains(metric) && matrices.containsKey(metric)) {
                    calendarMatrices.put(metric, calendar.map(matrix -> relaid(matrix, inheritedNames, names, networkMap.vtag())));
                }
            });
            calendars.forEach((metric, calendar) -> calendarMatrices.put(metric, new CostCalendar(calendar.intervalSeconds(), calendar.repeated(),
                    calendar.intervals().stream().map(interval -> new CostMatrix(metric, names.size(), interval, networkMap.vtag())).toList())));
            return new Snapshot(networkMap, pidProperties, matrices, calendarMatrices);
        }

        /** Each given calendar's intervals as dense matrices, as {@link #costs} makes them; reports bad costs. */
        private SortedMap<String, DenseCalendar> calendars(List<String> names, List<String> problems) {
            SortedMap<String, DenseCalendar> dense = new TreeMap<>();
            calendarsByMetric.forEach((metric, calendar) -> {
                if (calendar.intervalSeconds() < 1 || calendar.intervals().isEmpty()
                        || calendar.repeated().isPresent() && calendar.repeated().getAsInt() < 1) {
                    problems.add("cost calendar \"" + metric + "\": " + calendar.intervals().size() + " intervals of "
                            + calendar.intervalSeconds() + " s, repeated " + calendar.repeated()
                            + ": it needs at least one interval of at least 1 s, repeated at least once");
                    return;
                }
                List<double[]> intervals = new ArrayList<>();
                for (GivenCosts interval : calendar.intervals()) {
                    matrix(metric, interval, names, problems).ifPresent(intervals::add);
                }
                if (intervals.size() == calendar.intervals().size()) {
                    dense.put(metric, new DenseCalendar(calendar.intervalSeconds(), calendar.repeated(), intervals));
                }
            });
            return dense;
        }

        private void add(List<PrefixKey> pidPrefixes, PrefixKey prefix) {
            pidPrefixes.add(prefix);
            if (prefix.length() == 0) {
                defaultRoutesGiven.add(prefix.family());
            }
        }

        private Map<String, List<PrefixKey>> withDefaultRoutes() {
            Map<String, List<PrefixKey>> pids = new HashMap<>(prefixesByPid);
            for (AddressFamily family : AddressFamily.values()) {
                PrefixKey route = PrefixKey.defaultRoute(family);
                if (!defaultRoutesGiven.contains(family)) {
                    pids.merge(defaultPid, List.of(route), (configured, added) ->
                            Stream.concat(configured.stream(), added.stream()).toList());
                }
            }
            return pids;
        }

        /** Each family's prefixes in address order, once each; reports prefixes claimed by two PIDs. */
        private static Map<AddressFamily, List<Assignment>> assignments(
                Map<String, List<PrefixKey>> pids, List<String> names, List<String> problems) {
            int total = pids.values().stream().mapToInt(List::size).sum();
            Map<AddressFamily, List<Assignment>> byFamily = new EnumMap<>(AddressFamily.class);
            for (AddressFamily family : AddressFamily.values()) {
                // Sized for all: growing a million-entry list copies it again and again.
                byFamily.put(family, new ArrayList<>(total));
            }
            for (int pid = 0; pid < names.size(); pid++) {
                for (PrefixKey prefix : pids.get(names.get(pid))) {
                    byFamily.get(prefix.family()).add(new Assignment(prefix, pid));
                }
            }
            // The families are independent: IPv6 is ordered on another core while IPv4 is here.
            List<String> ipv6Problems = new ArrayList<>();
            CompletableFuture<List<Assignment>> ipv6 = CompletableFuture.supplyAsync(
                    () -> distinct(sorted(byFamily.get(AddressFamily.IPV6)), names, ipv6Problems));
            byFamily.put(AddressFamily.IPV4, distinct(sorted(byFamily.get(AddressFamily.IPV4)), names, problems));
            byFamily.put(AddressFamily.IPV6, ipv6.join());
            problems.addAll(ipv6Problems);
            return byFamily;
        }

        /**
         * Address order. A full BGP table is a million IPv4 prefixes, so those are sorted as packed
         * primitive keys (address, length, position in the list), several times faster than objects.
         * IPv6 keys do not fit a long: they are put in order of their top 39 bits the same way, and
         * the object sort that finishes the job then meets long sorted runs, which TimSort merges
         * in about linear time.
         */
        private static List<Assignment> sorted(List<Assignment> assignments) {
            if (assignments.isEmpty() || assignments.size() > SORT_INDEX_MAX) {
                assignments.sort(Assignment.BY_PREFIX);
                return assignments;
            }
            boolean ipv4 = assignments.getFirst().prefix().family() == AddressFamily.IPV4;
            long[] keys = new long[assignments.size()];
            for (int i = 0; i < keys.length; i++) {
                PrefixKey prefix = assignments.get(i).prefix();
                keys[i] = ipv4
                        // The flipped sign bit makes signed long order the unsigned address order.
                        ? (prefix.high() ^ Long.MIN_VALUE) | (long) prefix.length() << SORT_INDEX_BITS | i
                        : prefix.high() >>> (64 - IPV6_SORT_BITS) << SORT_INDEX_BITS | i;
            }
            Arrays.sort(keys);
            List<Assignment> sorted = new ArrayList<>(keys.length);
            for (long key : keys) {
                sorted.add(assignments.get((int) (key & SORT_INDEX_MAX)));
            }
            if (!ipv4) {
                sorted.sort(Assignment.BY_PREFIX);
            }
            return sorted;
        }

        /** Drops repeats of a prefix within one PID; a prefix in two PIDs is a problem. */
        private static List<Assignment> distinct(List<Assignment> sorted, List<String> names, List<String> problems) {
            List<Assignment> distinct = new ArrayList<>(sorted.size());
            Assignment kept = null;
            for (Assignment next : sorted) {
                if (kept == null || !next.prefix().equals(kept.prefix())) {
                    kept = next;
                    distinct.add(kept);
                } else if (next.pid() != kept.pid()) {
                    problems.add("prefix " + next.prefix().toIpPrefix() + " is in both PID \"" + names.get(kept.pid())
                            + "\" and PID \"" + names.get(next.pid()) + "\"");
                }
            }
            return distinct;
        }

        /**
         * A dense row-major matrix per metric given costs, NaN where none is given, laid over the
         * inherited costs of that metric; reports bad costs. Inherited metrics given no costs are
         * not here: {@link #build()} keeps their matrices.
         */
        private SortedMap<String, double[]> costs(List<String> names, List<String> problems) {
            SortedMap<String, double[]> matrices = new TreeMap<>();
            costsByMetric.forEach((metric, costs) -> matrix(metric, costs, names, problems).ifPresent(given -> {
                CostMatrix base = inherited.get(metric);
                matrices.put(metric, base == null || networkMap.isPresent() ? given : overlay(base.costsOver(inheritedNames, names), given));
            }));
            return matrices;
        }

        /** {@code base} with every given cost in place of its own; writes into {@code base}, a copy. */
        private static double[] overlay(double[] base, double[] given) {
            for (int cell = 0; cell < base.length; cell++) {
                if (!Double.isNaN(given[cell])) {
                    base[cell] = given[cell];
                }
            }
            return base;
        }

        private void rate(Rating rating, SortedMap<String, double[]> costs, SortedMap<String, DenseCalendar> calendars,
                          List<String> names, List<String> problems) {
            if (costsByMetric.containsKey(Rating.METRIC)) {
                problems.add("costs for \"" + Rating.METRIC + "\" are given although a rating computes them");
            }
            rating.weighted().stream()
                    .map(Criterion::metric)
                    .filter(metric -> !costsByMetric.containsKey(metric) && !inherited.containsKey(metric))
                    .forEach(metric -> problems.add("rating criterion \"" + metric + "\" has no costs"));
            if (problems.isEmpty()) {
                costs.put(Rating.METRIC, rating.combine(rating.weighted().stream()
                        .map(criterion -> criterionCosts(criterion.metric(), costs, names)).toList()));
                rateCalendar(rating, costs, calendars, names, problems);
            }
        }

        /**
         * The calendar of {@code routingcost} when a weighted criterion has one: every interval rated
         * with the calendared criteria's costs of that interval. Calendared criteria must agree on
         * their intervals, or an interval of one would be rated with another's.
         */
        private void rateCalendar(Rating rating, SortedMap<String, double[]> costs, SortedMap<String, DenseCalendar> calendars,
                                  List<String> names, List<String> problems) {
            Map<String, DenseCalendar> rated = new LinkedHashMap<>();
            for (Criterion criterion : rating.weighted()) {
                criterionCalendar(criterion.metric(), calendars, names).ifPresent(calendar -> rated.put(criterion.metric(), calendar));
            }
            if (rated.isEmpty()) {
                return;
            }
            DenseCalendar first = rated.values().iterator().next();
            if (rated.values().stream().anyMatch(calendar -> calendar.intervalSeconds() != first.intervalSeconds()
                    || calendar.intervals().size() != first.intervals().size())) {
                problems.add("the calendars of rated metrics " + rated.keySet() + " must have the same intervals: "
                        + rated.values().stream().map(c -> c.intervals().size() + " x " + c.intervalSeconds() + " s").toList());
                return;
            }
            double[][] intervals = rating.combineIntervals(rating.weighted().stream().map(criterion -> {
                DenseCalendar calendar = rated.get(criterion.metric());
                return calendar != null ? calendar.intervals() : List.of(criterionCosts(criterion.metric(), costs, names));
            }).toList(), first.intervals().size());
            // The rating holds as long as every calendar it rates: the fewest periods any of them vouches for.
            OptionalInt repeated = rated.values().stream().allMatch(calendar -> calendar.repeated().isPresent())
                    ? rated.values().stream().mapToInt(calendar -> calendar.repeated().getAsInt()).min() : OptionalInt.empty();
            calendars.put(Rating.METRIC, new DenseCalendar(first.intervalSeconds(), repeated, List.of(intervals)));
        }

        private Optional<DenseCalendar> criterionCalendar(String metric, SortedMap<String, DenseCalendar> calendars, List<String> names) {
            DenseCalendar given = calendars.get(metric);
            if (given != null) {
                return Optional.of(given);
            }
            return Optional.ofNullable(inheritedCalendars.get(metric)).map(calendar -> new DenseCalendar(calendar.intervalSeconds(), calendar.repeated(),
                    calendar.intervals().stream().map(matrix -> matrix.costsOver(inheritedNames, names)).toList()));
        }

        private double[] criterionCosts(String metric, SortedMap<String, double[]> costs, List<String> names) {
            double[] given = costs.get(metric);
            return given != null ? given : inherited.get(metric).costsOver(inheritedNames, names);
        }

        private static Optional<double[]> matrix(String metric, GivenCosts given, List<String> names, List<String> problems) {
            if (!CostMetrics.isValidName(metric)) {
                problems.add("invalid cost metric \"" + metric + "\": use " + CostMetrics.RULE);
                return Optional.empty();
            }
            int size = names.size();
            if ((long) size * size > Integer.MAX_VALUE - 8) {
                problems.add("cost metric \"" + metric + "\": " + size + " PIDs need more cells than a dense matrix holds");
                return Optional.empty();
            }
            double[] matrix = new double[size * size];
            Arrays.fill(matrix, Double.NaN);
            for (Cost cost : given.cells()) {
                int src = Collections.binarySearch(names, cost.src());
                int dst = Collections.binarySearch(names, cost.dst());
                if (src < 0 || dst < 0) {
                    String unknown = String.join("\", \"", Stream.of(cost.src(), cost.dst())
                            .filter(pid -> Collections.binarySearch(names, pid) < 0).distinct().toList());
                    problems.add(cost.describe(metric) + ": unknown PID \"" + unknown + "\"");
                } else {
                    put(matrix, src * size + dst, cost.value()).ifPresent(problem -> problems.add(cost.describe(metric) + problem));
                }
            }
            for (CostBlock block : given.blocks()) {
                int[] index = block.pids().stream().mapToInt(pid -> Collections.binarySearch(names, pid)).toArray();
                for (int i = 0; i < index.length; i++) {
                    if (index[i] < 0) {
                        problems.add("costs \"" + metric + "\" from and to \"" + block.pids().get(i) + "\": unknown PID");
                    }
                }
                for (int i = 0; i < index.length; i++) {
                    if (index[i] < 0) {
                        continue;
                    }
                    String src = block.pids().get(i);
                    for (int j = 0; j < index.length; j++) {
                        double value = block.rows()[i][j];
                        if (index[j] >= 0 && !Double.isNaN(value)) {
                            String dst = block.pids().get(j);
                            put(matrix, index[i] * size + index[j], value).ifPresent(problem -> problems.add(
                                    new Cost(src, dst, value).describe(metric) + problem));
                        }
                    }
                }
            }
            return Optional.of(matrix);
        }

        /** Puts a cost into its cell if it is a valid one; otherwise what is wrong with it, to follow its description. */
        private static Optional<String> put(double[] matrix, int cell, double value) {
            if (!Double.isFinite(value) || value < 0) {
                return Optional.of(" is " + value + ": a cost must be finite and not negative");
            }
            if (!Double.isNaN(matrix[cell]) && matrix[cell] != value) {
                return Optional.of(" is given twice: " + matrix[cell] + " and " + value);
            }
            matrix[cell] = value + 0.0; // -0.0 becomes 0.0, so equal costs hash alike
            return Optional.empty();
        }
    }

    /** The costs of one metric given to a builder: one by one, and as whole matrices. */
    private record GivenCosts(List<Cost> cells, List<CostBlock> blocks) {
    }

    /** A calendar given to a builder: one set of costs per interval. */
    private record GivenCalendar(long intervalSeconds, OptionalInt repeated, List<GivenCosts> intervals) {
    }

    /** A calendar being built: one dense row-major matrix per interval. */
    private record DenseCalendar(long intervalSeconds, OptionalInt repeated, List<double[]> intervals) {
    }

    /** Costs between the pairs of {@code pids}: {@code rows[i][j]} from {@code pids[i]} to {@code pids[j]}, NaN for none. */
    private record CostBlock(List<String> pids, double[][] rows) {
    }

    private record Cost(String src, String dst, double value) {

        String describe(String metric) {
            return "cost \"" + metric + "\" from \"" + src + "\" to \"" + dst + "\"";
        }
    }
}
