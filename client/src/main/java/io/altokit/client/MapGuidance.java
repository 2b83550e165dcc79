package io.altokit.client;

import io.altokit.core.CostMatrix;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.model.AddressType;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostTable;
import io.altokit.model.NetworkMapResponse;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * ALTO guidance held locally: a network map and a cost map fetched once, so candidates are ranked
 * by longest-prefix match on this side and the server never learns which peers an application
 * considers. The cost map may be a filtered one holding only the rows of the PIDs the application
 * is in (a full map over thousands of PIDs would be too big to fetch). Immutable and thread-safe.
 */
public final class MapGuidance {
    /** The PID of addresses the server's map does not cover, should it not cover everything. */
    private static final String UNMAPPED = "altokit-client-unmapped";

    private final NetworkMap map;
    /** Per source PID index: the costs to every PID index, NaN where the map gives none. */
    private final Map<Integer, double[]> rows;

    private MapGuidance(NetworkMap map, Map<Integer, double[]> rows) {
        this.map = map;
        this.rows = rows;
    }

    /**
     * @throws IllegalArgumentException when the cost map refers to another version of the network
     *     map (RFC 7285 11.2.3.6 dependent-vtags), or the network map is not a valid one
     */
    public static MapGuidance of(NetworkMapResponse networkMap, CostMapResponse costMap) {
        if (!costMap.dependentVtags().isEmpty() && !costMap.dependentVtags().contains(networkMap.vtag())) {
            throw new IllegalArgumentException("the cost map depends on " + costMap.dependentVtags()
                    + ", not on the network map in hand " + networkMap.vtag());
        }
        Snapshot.Builder builder = Snapshot.builder().defaultPid(UNMAPPED);
        networkMap.pids().forEach((pid, groups) -> {
            List<IpPrefix> prefixes = new ArrayList<>();
            for (Map.Entry<AddressType, List<String>> group : groups.entrySet()) {
                group.getValue().forEach(prefix -> prefixes.add(IpPrefix.parse(prefix)));
            }
            builder.pid(pid, prefixes);
        });
        NetworkMap map;
        try {
            map = builder.build().networkMap();
        } catch (SnapshotException e) {
            throw new IllegalArgumentException("the network map is not valid: " + e.getMessage(), e);
        }
        return new MapGuidance(map, rows(map, costMap.costs()));
    }

    /**
     * Guidance straight from a snapshot held in process (a simulator, a tracker beside the
     * server), with no HTTP in between: the same ranking as from the fetched maps.
     *
     * @throws IllegalArgumentException when the cost matrix is not over this network map's PIDs
     */
    public static MapGuidance of(NetworkMap map, CostMatrix costs) {
        if (costs.size() != map.size()) {
            throw new IllegalArgumentException("the " + costs.metric() + " matrix is " + costs.size() + "x" + costs.size()
                    + ", the network map has " + map.size() + " PIDs");
        }
        Map<Integer, double[]> rows = new HashMap<>();
        for (int src = 0; src < map.size(); src++) {
            double[] row = new double[map.size()];
            for (int dst = 0; dst < row.length; dst++) {
                row[dst] = costs.cost(src, dst);
            }
            rows.put(src, row);
        }
        return new MapGuidance(map, rows);
    }

    private static Map<Integer, double[]> rows(NetworkMap map, CostTable table) {
        Map<Integer, double[]> rows = new HashMap<>();
        int[] columns = new int[table.dsts().size()];
        for (int dst = 0; dst < columns.length; dst++) {
            columns[dst] = map.indexOf(table.dsts().get(dst)).orElse(-1);
        }
        for (int src = 0; src < table.srcs().size(); src++) {
            OptionalInt row = map.indexOf(table.srcs().get(src));
            if (row.isEmpty()) {
                continue; // a PID the network map does not have: no address can be in it
            }
            double[] costs = new double[map.size()];
            Arrays.fill(costs, Double.NaN);
            for (int dst = 0; dst < columns.length; dst++) {
                if (columns[dst] >= 0) {
                    costs[columns[dst]] = table.cost(src, dst);
                }
            }
            rows.put(row.getAsInt(), costs);
        }
        return rows;
    }

    /** The cost from {@code source} to each candidate, NaN where the maps give none. */
    public double[] costs(InetAddress source, List<InetAddress> candidates) {
        double[] costs = new double[candidates.size()];
        double[] row = rows.get(map.lookup(source));
        if (row == null) {
            Arrays.fill(costs, Double.NaN);
            return costs;
        }
        for (int i = 0; i < costs.length; i++) {
            costs[i] = row[map.lookup(candidates.get(i))];
        }
        return costs;
    }

    /** The PID an address falls in, by longest-prefix match. */
    public String pidOf(InetAddress address) {
        return map.pidName(locate(address));
    }

    /**
     * The index of the PID an address falls in, for {@link #cost(int, int)}: an application that
     * keeps many peers (a tracker's swarm) locates each once instead of once per ranking. Indexes
     * belong to this guidance; locate again when it is replaced.
     */
    public int locate(InetAddress address) {
        return map.lookup(address);
    }

    /** The cost between two located PIDs ({@link #locate}), NaN where the maps give none. */
    public double cost(int fromPid, int toPid) {
        double[] row = rows.get(fromPid);
        return row == null ? Double.NaN : row[toPid];
    }

    /** How many PIDs there are: located indexes run from 0 to this, exclusive. */
    public int pidCount() {
        return map.size();
    }
}
