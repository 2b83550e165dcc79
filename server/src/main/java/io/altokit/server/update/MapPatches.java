package io.altokit.server.update;

import io.altokit.core.AddressFamily;
import io.altokit.core.ChangeSet;
import io.altokit.core.CostMatrix;
import io.altokit.core.DenseRanks;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.model.AddressType;
import io.altokit.model.CostMode;
import io.altokit.model.MergePatchEncoder;
import io.altokit.model.VersionTag;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The RFC 7396 merge patch that takes a full map from the snapshot before a {@link ChangeSet} to the
 * snapshot after it, built from what the change set names (changed PIDs, changed cells), never by
 * comparing two rendered maps: one changed cell of a 1,700-PID cost map is a patch of one cell.
 */
public final class MapPatches {
    private MapPatches() {
    }

    /**
     * The network map patch: the new vtag, each changed PID's prefixes whole, {@code null} for a PID
     * that went; empty when the network map stayed as it was.
     */
    public static Optional<byte[]> networkMap(String resourceId, ChangeSet changes) {
        if (changes.previousVtag().equals(changes.vtag())) {
            return Optional.empty();
        }
        NetworkMap map = changes.snapshot().networkMap();
        SortedMap<String, Optional<Map<AddressType, List<String>>>> pids = new TreeMap<>();
        for (String pid : changes.pids()) {
            pids.put(pid, map.indexOf(pid).stream().mapToObj(index -> groups(map, index)).findFirst());
        }
        return Optional.of(MergePatchEncoder.networkMap(new MergePatchEncoder.NetworkMapPatch(new VersionTag(resourceId, map.vtag()), pids)));
    }

    /** Both address types, an empty list for one without prefixes (the patch removes it). */
    private static Map<AddressType, List<String>> groups(NetworkMap map, int index) {
        Map<AddressType, List<String>> groups = new EnumMap<>(AddressType.class);
        groups.put(AddressType.IPV4, map.prefixes(index, AddressFamily.IPV4).stream().map(IpPrefix::toString).toList());
        groups.put(AddressType.IPV6, map.prefixes(index, AddressFamily.IPV6).stream().map(IpPrefix::toString).toList());
        return groups;
    }

    /**
     * The patch of the full cost map of {@code metric} in {@code mode}: the new dependent vtag, each
     * changed cell's cost ({@code null} if it went), {@code null} for a row that went or has no cost left.
     * Empty when neither the network map nor a cost of the map changed. The snapshot after the change
     * must have the metric.
     */
    public static Optional<byte[]> costMap(String networkMapId, String metric, CostMode mode, ChangeSet changes) {
        NetworkMap map = changes.snapshot().networkMap();
        CostMatrix matrix = changes.snapshot().costMatrix(metric)
                .orElseThrow(() -> new IllegalArgumentException("no cost matrix for " + metric));
        SortedSet<ChangeSet.CostCell> cells = changes.costs(metric)
                .map(change -> mode == CostMode.ORDINAL ? change.ordinal() : change.numerical())
                .orElse(Collections.emptySortedSet());
        if (cells.isEmpty() && changes.previousVtag().equals(changes.vtag())) {
            return Optional.empty();
        }
        DenseRanks ranks = mode == CostMode.ORDINAL && !cells.isEmpty() ? matrix.ranks() : null;
        SortedMap<String, Optional<SortedMap<String, Double>>> rows = new TreeMap<>();
        for (String pid : changes.pids()) {
            if (map.indexOf(pid).isEmpty()) {
                rows.put(pid, Optional.empty());
            }
        }
        for (ChangeSet.CostCell cell : cells) {
            int src = map.indexOf(cell.source()).orElse(-1);
            if (src < 0) {
                continue; // its row went as a whole
            }
            if (!rows.containsKey(cell.source())) {
                rows.put(cell.source(), hasCosts(matrix, src) ? Optional.of(new TreeMap<>()) : Optional.empty());
            }
            Optional<SortedMap<String, Double>> row = rows.get(cell.source());
            if (row.isPresent()) {
                int dst = map.indexOf(cell.destination()).orElse(-1);
                double cost = dst < 0 ? Double.NaN : matrix.cost(src, dst);
                row.get().put(cell.destination(), ranks == null || Double.isNaN(cost) ? cost : ranks.rank(cost));
            }
        }
        return Optional.of(MergePatchEncoder.costMap(new MergePatchEncoder.CostMapPatch(
                List.of(new VersionTag(networkMapId, map.vtag())), rows)));
    }

    /** The full map leaves out a row without any cost, so the patch must remove such a row, not leave it empty. */
    private static boolean hasCosts(CostMatrix matrix, int src) {
        for (int dst = 0; dst < matrix.size(); dst++) {
            if (matrix.isDefined(src, dst)) {
                return true;
            }
        }
        return false;
    }
}
