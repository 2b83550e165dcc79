package io.altokit.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What one publication changed, from the snapshot tagged {@link #previousVtag()} to {@link
 * #snapshot()}: the PIDs whose entry in the network map differs (added, removed or with other
 * prefixes), the prefixes that appeared, went or moved to another PID, and per cost metric the cells
 * whose cost differs. This is what incremental updates to clients (RFC 8895, RFC 9569) patch and
 * what an incremental rebuild recomputes; a listener that missed change sets starts again from a
 * full snapshot. Vtags are the network maps' (RFC 7285 section 10.3); every cost map's vtag changes
 * with it.
 *
 * <p>A change set keeps of the previous snapshot only the parts that changed: its network map when
 * the prefixes differ, and the cost matrices that neither share their costs with the next snapshot
 * nor hash alike. Snapshots built from one another (a publisher's incremental rebuild) share what a
 * change did not touch, so a changed cell keeps just that metric's old matrix, and the rest of the
 * old snapshot is released as soon as no request uses it. The differences are worked out on first
 * use (then those parts are let go too, but for a changed metric's old matrix, which its ordinal
 * cells need until they are asked for), so a publication is served before anyone pays for
 * comparing a million prefixes; matrices over the same PIDs are compared in place and ranked
 * without sorting all their costs again ({@link CostMatrix#ranksFrom}). Thread-safe.
 */
public final class ChangeSet {

    /** One ordered PID pair of a cost map, by PID names. */
    public record CostCell(String source, String destination) implements Comparable<CostCell> {
        @Override
        public int compareTo(CostCell other) {
            int order = source.compareTo(other.source);
            return order != 0 ? order : destination.compareTo(other.destination);
        }
    }

    /**
     * The cells of one metric whose cost changed, per cost mode. A cell whose cost appeared or went
     * counts as changed. Ordinal costs rank all of a map's values together (RFC 7285 section 6.1.2),
     * so one changed numerical cost can move the ranks of cells whose numerical cost stayed. The
     * ordinal cells are worked out on first ask: where the matrix's ranking kept its levels they are
     * the numerical ones; where it did not, every cell's rank is compared.
     */
    public static final class CostChange {
        private final SortedSet<CostCell> numerical;
        private Supplier<SortedSet<CostCell>> ordinalCells;
        private SortedSet<CostCell> ordinal;

        CostChange(SortedSet<CostCell> numerical, Supplier<SortedSet<CostCell>> ordinal) {
            this.numerical = Collections.unmodifiableSortedSet(numerical);
            this.ordinalCells = ordinal;
        }

        /** Cells whose numerical cost changed, sorted. */
        public SortedSet<CostCell> numerical() {
            return numerical;
        }

        /** Cells whose ordinal rank in the full cost map changed, sorted. */
        public synchronized SortedSet<CostCell> ordinal() {
            if (ordinal == null) {
                ordinal = Collections.unmodifiableSortedSet(ordinalCells.get());
                ordinalCells = null; // lets the previous matrix go
            }
            return ordinal;
        }

        /** Equal when the same cells changed in both modes (works the ordinal cells out). */
        @Override
        public boolean equals(Object other) {
            return other instanceof CostChange change && numerical.equals(change.numerical) && ordinal().equals(change.ordinal());
        }

        @Override
        public int hashCode() {
            return Objects.hash(numerical, ordinal());
        }

        @Override
        public String toString() {
            return "CostChange[numerical=" + numerical + "]";
        }
    }

    /** The three parts worked out together, in one pass over both snapshots. */
    private record Differences(SortedSet<String> pids, List<IpPrefix> prefixes, SortedMap<String, CostChange> costs) {}

    /** What a change set keeps of the previous snapshot until it works the differences out. */
    private record Previous(List<String> pids, Optional<NetworkMap> networkMap, SortedMap<String, Optional<CostMatrix>> costs) {

        /** The parts of {@code previous} that {@code next} does not share or hash alike. */
        static Previous of(Snapshot previous, Snapshot next) {
            NetworkMap before = previous.networkMap();
            boolean samePids = before.pidNames().equals(next.networkMap().pidNames());
            SortedMap<String, Optional<CostMatrix>> costs = new TreeMap<>();
            for (String metric : unionOf(previous.metrics(), next.metrics())) {
                Optional<CostMatrix> was = previous.costMatrix(metric);
                Optional<CostMatrix> is = next.costMatrix(metric);
                boolean unchanged = was.isPresent() && is.isPresent() && (was.get().vtag().equals(is.get().vtag())
                        || samePids && was.get().cells() == is.get().cells());
                if (!unchanged) {
                    costs.put(metric, was);
                }
            }
            return new Previous(before.pidNames(),
                    before.vtag().equals(next.networkMap().vtag()) ? Optional.empty() : Optional.of(before),
                    costs);
        }
    }

    private final String previousVtag;
    private final Snapshot snapshot;
    private final SortedSet<String> rebuiltMetrics;
    private Previous previous;
    private Differences differences;

    private ChangeSet(Snapshot previous, Snapshot snapshot) {
        this.previousVtag = previous.networkMap().vtag();
        this.previous = Previous.of(previous, snapshot);
        this.snapshot = snapshot;
        this.rebuiltMetrics = Collections.unmodifiableSortedSet(new TreeSet<>(this.previous.costs().keySet()));
    }

    /** The network map vtag before the change. */
    public String previousVtag() {
        return previousVtag;
    }

    /** The network map vtag after it ({@code snapshot().networkMap().vtag()}). */
    public String vtag() {
        return snapshot.networkMap().vtag();
    }

    /** The snapshot the change leads to. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Changed PIDs by name, sorted. */
    public SortedSet<String> pids() {
        return differences().pids();
    }

    /** Changed prefixes in address order (IPv4 first). */
    public List<IpPrefix> prefixes() {
        return differences().prefixes();
    }

    /** Per metric with a changed cell, which cells changed. */
    public SortedMap<String, CostChange> costs() {
        return differences().costs();
    }

    /**
     * The metrics whose cost matrix the next snapshot does not take over from the previous one
     * (neither shares its costs nor hashes alike), known without comparing a cell: cheap enough for a
     * log line where {@link #costs()} compares millions. Over the same network map these are the metrics with
     * a changed cost; over other PIDs, every metric whose matrix was built again.
     */
    public SortedSet<String> rebuiltMetrics() {
        return rebuiltMetrics;
    }

    /** Whether nothing changed: the two snapshots serve the same maps. */
    public boolean isEmpty() {
        return pids().isEmpty() && prefixes().isEmpty() && costs().isEmpty();
    }

    /** The changed cells of {@code metric}, empty if none changed. */
    public Optional<CostChange> costs(String metric) {
        return Optional.ofNullable(costs().get(metric));
    }

    @Override
    public String toString() {
        return "ChangeSet[" + previousVtag + " -> " + vtag() + "]";
    }

    private synchronized Differences differences() {
        if (differences == null) {
            differences = compare(previous, snapshot);
            previous = null;
        }
        return differences;
    }

    /** The change from {@code previous} to {@code next}; comparing them waits until a part is asked for. */
    public static ChangeSet between(Snapshot previous, Snapshot next) {
        return new ChangeSet(Objects.requireNonNull(previous, "previous"), Objects.requireNonNull(next, "next"));
    }

    /** Compares the changed parts: linear in the prefixes of a changed map plus the cells of changed matrices. */
    private static Differences compare(Previous previous, Snapshot next) {
        NetworkMap after = next.networkMap();
        SortedSet<String> pids = new TreeSet<>();
        List<String> union = unionOf(previous.pids(), after.pidNames());
        union.stream().filter(pid -> Collections.binarySearch(previous.pids(), pid) < 0 || after.indexOf(pid).isEmpty())
                .forEach(pids::add);
        List<PrefixKey> prefixes = new ArrayList<>();
        previous.networkMap().ifPresent(before -> {
            for (String pid : union) {
                int was = before.indexOf(pid).orElse(-1);
                int is = after.indexOf(pid).orElse(-1);
                for (AddressFamily family : AddressFamily.values()) {
                    before.prefixTable(family).symmetricDifference(was, after.prefixTable(family), is, prefix -> {
                        prefixes.add(prefix);
                        pids.add(pid);
                    });
                }
            }
        });
        // Address-ordered runs, one per PID, which the sort merges. A prefix that moved was left by one
        // PID and joined by another: its two entries end up side by side and it is listed once.
        prefixes.sort(null);
        List<PrefixKey> changedPrefixes = new ArrayList<>(prefixes.size());
        for (PrefixKey prefix : prefixes) {
            if (changedPrefixes.isEmpty() || !changedPrefixes.getLast().equals(prefix)) {
                changedPrefixes.add(prefix);
            }
        }
        SortedMap<String, CostChange> costs = new TreeMap<>();
        boolean samePids = previous.pids().equals(after.pidNames());
        previous.costs().forEach((metric, was) -> {
            Optional<CostMatrix> is = next.costMatrix(metric);
            Optional<CostChange> change = samePids && was.isPresent() && is.isPresent()
                    ? costChange(was.get(), is.get(), union)
                    : costChange(costsOver(was, previous.pids(), union), costsOver(is, after.pidNames(), union), union);
            change.ifPresent(changed -> costs.put(metric, changed));
        });
        return new Differences(Collections.unmodifiableSortedSet(pids), new PrefixView(changedPrefixes),
                Collections.unmodifiableSortedMap(costs));
    }

    /** Prefixes made as they are read: a change set may name a million, most never asked for. */
    private static final class PrefixView extends AbstractList<IpPrefix> implements RandomAccess {
        private final List<PrefixKey> keys;

        PrefixView(List<PrefixKey> keys) {
            this.keys = keys;
        }

        @Override
        public IpPrefix get(int index) {
            return keys.get(index).toIpPrefix();
        }

        @Override
        public int size() {
            return keys.size();
        }
    }

    private static List<String> unionOf(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).distinct().sorted().toList();
    }

    /** Two matrices over the same PIDs ({@code pids}): compared cell by cell in place, ranked without sorting where they can be. */
    private static Optional<CostChange> costChange(CostMatrix old, CostMatrix now, List<String> pids) {
        SortedSet<CostCell> numerical = new TreeSet<>();
        int size = pids.size();
        for (int src = 0; src < size; src++) {
            for (int dst = 0; dst < size; dst++) {
                if (Double.compare(old.cost(src, dst), now.cost(src, dst)) != 0) {
                    numerical.add(new CostCell(pids.get(src), pids.get(dst)));
                }
            }
        }
        if (numerical.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CostChange(numerical, () -> {
            DenseRanks was = old.ranks();
            DenseRanks is = now.ranksFrom(old);
            if (was.sameAs(is)) {
                return numerical; // every cost ranks as before, so only changed costs changed rank
            }
            // Below this cost ranks stayed: only changed cells and cells at or above it are compared.
            double moved = was.lowestMovedCost(is);
            SortedSet<CostCell> ordinal = new TreeSet<>();
            for (int src = 0; src < size; src++) {
                for (int dst = 0; dst < size; dst++) {
                    double before = old.cost(src, dst);
                    double after = now.cost(src, dst);
                    boolean compared = before >= moved || after >= moved || Double.compare(before, after) != 0;
                    if (compared && was.rank(before) != is.rank(after)) {
                        ordinal.add(new CostCell(pids.get(src), pids.get(dst)));
                    }
                }
            }
            return ordinal;
        }));
    }

    /** Matrices laid over the union of both snapshots' PIDs (the PIDs changed). */
    private static Optional<CostChange> costChange(double[] old, double[] now, List<String> pids) {
        SortedSet<CostCell> numerical = differing(old, now, pids);
        if (numerical.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CostChange(numerical, () -> differing(ranks(old), ranks(now), pids)));
    }

    /** The matrix over {@code pids} (a superset of its own PIDs {@code ownPids}), NaN where it has no cost. */
    private static double[] costsOver(Optional<CostMatrix> matrix, List<String> ownPids, List<String> pids) {
        return matrix.map(costs -> costs.costsOver(ownPids, pids)).orElseGet(() -> {
            double[] none = new double[pids.size() * pids.size()];
            Arrays.fill(none, Double.NaN);
            return none;
        });
    }

    private static double[] ranks(double[] costs) {
        int[] ranks = OrdinalRanking.denseRanks(costs);
        double[] ordinal = new double[costs.length];
        for (int cell = 0; cell < costs.length; cell++) {
            ordinal[cell] = Double.isNaN(costs[cell]) ? Double.NaN : ranks[cell];
        }
        return ordinal;
    }

    private static SortedSet<CostCell> differing(double[] a, double[] b, List<String> pids) {
        SortedSet<CostCell> cells = new TreeSet<>();
        int size = pids.size();
        for (int cell = 0; cell < a.length; cell++) {
            // Double.compare: NaN equals NaN, so "no cost" on both sides is no change.
            if (Double.compare(a[cell], b[cell]) != 0) {
                cells.add(new CostCell(pids.get(cell / size), pids.get(cell % size)));
            }
        }
        return cells;
    }
}
