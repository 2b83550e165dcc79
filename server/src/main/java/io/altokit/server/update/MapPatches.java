package io.altokit.server.update;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altokit.core.AddressFamily;
import io.altokit.core.ChangeSet;
import io.altokit.core.CostMatrix;
import io.altokit.core.DenseRanks;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.model.AddressType;
import io.altokit.model.CostMode;
import io.altokit.model.MediaTypes;
import io.altokit.model.MergePatchEncoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The patches that take a full map from the snapshot before a {@link ChangeSet} to the snapshot
 * after it, as an RFC 7396 merge patch and as an RFC 6902 JSON patch, built from what the change set
 * names (changed PIDs, changed cells), never by comparing two rendered maps: one changed cell of a
 * 1,700-PID cost map is a patch of one cell. The JSON patch compares just the changed parts of the
 * two snapshots, so a PID that gained one prefix is one {@code add} where the merge patch sends the
 * PID's whole prefix list; which is smaller depends on the change, so both are offered.
 */
public final class MapPatches {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Changed cells beyond which a cost map's JSON patch is not made: each cell costs it some 35 bytes
     * of operation more than in the merge patch, whose only fixed cost is the dependent vtag (some 100
     * bytes), so past a few cells it cannot be the smaller, and a reload changing millions of cells
     * should not build it.
     */
    static final int JSON_PATCH_MAX_CELLS = 16;

    private MapPatches() {
    }

    /** The network map's merge patch and JSON patch from {@code before}; empty when the network map stayed as it was. */
    public static List<Patch> networkMapPatches(String resourceId, Snapshot before, ChangeSet changes) {
        return Stream.of(networkMap(resourceId, changes).map(patch -> new Patch(MediaTypes.MERGE_PATCH, patch)),
                networkMapJsonPatch(resourceId, before, changes).map(patch -> new Patch(MediaTypes.JSON_PATCH, patch)))
                .flatMap(Optional::stream).toList();
    }

    /**
     * The cost map's merge patch and, for up to {@link #JSON_PATCH_MAX_CELLS} changed cells, its JSON
     * patch from {@code before}; empty when it stayed as it was.
     */
    public static List<Patch> costMapPatches(String networkMapId, String metric, CostMode mode, Snapshot before, ChangeSet changes) {
        Optional<byte[]> jsonPatch = changedCells(metric, mode, changes).size() > JSON_PATCH_MAX_CELLS ? Optional.empty()
                : costMapJsonPatch(networkMapId, metric, mode, before, changes);
        return Stream.of(costMap(networkMapId, metric, mode, changes).map(patch -> new Patch(MediaTypes.MERGE_PATCH, patch)),
                jsonPatch.map(patch -> new Patch(MediaTypes.JSON_PATCH, patch)))
                .flatMap(Optional::stream).toList();
    }

    /**
     * The network map's JSON patch: the new vtag, and for each changed PID the operations on its
     * prefix lists ({@code remove} of a PID that went, {@code add} of one that came). Empty when the
     * network map stayed as it was.
     */
    public static Optional<byte[]> networkMapJsonPatch(String resourceId, Snapshot before, ChangeSet changes) {
        if (changes.previousVtag().equals(changes.vtag())) {
            return Optional.empty();
        }
        return JsonPatchDiff.between(changedPids(resourceId, before.networkMap(), changes),
                changedPids(resourceId, changes.snapshot().networkMap(), changes));
    }

    /** The part of a network map the change touched: its vtag and the changed PIDs it has, as the full map writes them. */
    private static ObjectNode changedPids(String resourceId, NetworkMap map, ChangeSet changes) {
        ObjectNode document = NODES.objectNode();
        document.putObject("meta").set("vtag", vtag(resourceId, map.vtag()));
        ObjectNode pids = document.putObject("network-map");
        for (String pid : changes.pids()) {
            map.indexOf(pid).ifPresent(index -> {
                ObjectNode groups = pids.putObject(pid);
                groups(map, index).forEach((type, prefixes) -> {
                    if (!prefixes.isEmpty()) {
                        prefixes.forEach(groups.putArray(type.wireName())::add);
                    }
                });
            });
        }
        return document;
    }

    private static ObjectNode vtag(String resourceId, String tag) {
        return NODES.objectNode().put("resource-id", resourceId).put("tag", tag);
    }

    /**
     * The cost map's JSON patch: the new dependent vtag if the network map changed, and an {@code add},
     * {@code replace} or {@code remove} per changed cell ({@code remove} of a row that went or has no
     * cost left). Empty when neither the network map nor a cost of the map changed.
     */
    public static Optional<byte[]> costMapJsonPatch(String networkMapId, String metric, CostMode mode, Snapshot before,
                                                    ChangeSet changes) {
        SortedSet<ChangeSet.CostCell> cells = changedCells(metric, mode, changes);
        if (cells.isEmpty() && changes.previousVtag().equals(changes.vtag())) {
            return Optional.empty();
        }
        return JsonPatchDiff.between(changedCells(networkMapId, before, metric, mode, cells, changes.pids()),
                changedCells(networkMapId, changes.snapshot(), metric, mode, cells, changes.pids()));
    }

    private static SortedSet<ChangeSet.CostCell> changedCells(String metric, CostMode mode, ChangeSet changes) {
        return changes.costs(metric)
                .map(change -> mode == CostMode.ORDINAL ? change.ordinal() : change.numerical())
                .orElse(Collections.emptySortedSet());
    }

    /**
     * The part of a cost map the change touched, as the full map writes it: its dependent vtag, each
     * row with a changed cell or of a changed PID that the map has (a row is there when it has a
     * cost), holding just the changed cells it defines.
     */
    private static ObjectNode changedCells(String networkMapId, Snapshot snapshot, String metric, CostMode mode,
                                           SortedSet<ChangeSet.CostCell> cells, SortedSet<String> pids) {
        NetworkMap map = snapshot.networkMap();
        Optional<CostMatrix> matrix = snapshot.costMatrix(metric);
        ObjectNode document = NODES.objectNode();
        document.putObject("meta").putArray("dependent-vtags").add(vtag(networkMapId, map.vtag()));
        ObjectNode rows = document.putObject("cost-map");
        if (matrix.isEmpty()) {
            return document;
        }
        DenseRanks ranks = mode == CostMode.ORDINAL && !cells.isEmpty() ? matrix.get().ranks() : null;
        SortedSet<String> sources = new TreeSet<>(pids);
        cells.forEach(cell -> sources.add(cell.source()));
        for (String source : sources) {
            int src = map.indexOf(source).orElse(-1);
            if (src >= 0 && hasCosts(matrix.get(), src)) {
                rows.putObject(source);
            }
        }
        for (ChangeSet.CostCell cell : cells) {
            ObjectNode row = (ObjectNode) rows.get(cell.source());
            int dst = map.indexOf(cell.destination()).orElse(-1);
            if (row == null || dst < 0) {
                continue;
            }
            int src = map.indexOf(cell.source()).getAsInt();
            double cost = matrix.get().cost(src, dst);
            if (ranks != null && !Double.isNaN(cost)) {
                cost = ranks.rank(cost);
            }
            if (!Double.isNaN(cost)) {
                row.set(cell.destination(), ResponseEncoder.isExactInteger(cost) ? NODES.numberNode((long) cost) : NODES.numberNode(cost));
            }
        }
        return document;
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
        SortedSet<ChangeSet.CostCell> cells = changedCells(metric, mode, changes);
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
