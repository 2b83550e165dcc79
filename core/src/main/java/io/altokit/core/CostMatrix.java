package io.altokit.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The numerical costs of one metric between every ordered pair of a {@link NetworkMap}'s PIDs,
 * dense and row-major in the narrowest primitive array that holds them exactly ({@link CostCells}):
 * 2 bytes a pair for hop counts, 4 for costs that are floats, 8 otherwise. A pair without a
 * configured cost holds NaN. Immutable; snapshots built from one another share unchanged matrices.
 */
public final class CostMatrix {

    /** Cells hashed a chunk at a time: read in one tight loop per storage, not one interface call a cell. */
    private static final int HASH_CHUNK = 1024;

    private final String metric;
    private final int size;
    private final CostCells cells;
    private final String costsTag;
    private final String networkMapVtag;
    private final String vtag;
    /** Worked out on first use: most matrices are never served in ordinal mode. */
    private volatile DenseRanks ranks;

    CostMatrix(String metric, int size, CostCells cells, String networkMapVtag) {
        this(metric, size, cells, costsTag(cells), networkMapVtag);
    }

    /** @param costsTag {@link #costsTag} of {@code cells}, worked out once for every network map the costs go with */
    private CostMatrix(String metric, int size, CostCells cells, String costsTag, String networkMapVtag) {
        if (cells.length() != size * size) {
            throw new IllegalArgumentException(cells.length() + " cells for " + size + " PIDs");
        }
        this.metric = metric;
        this.size = size;
        this.cells = cells;
        this.costsTag = costsTag;
        this.networkMapVtag = networkMapVtag;
        vtag = new ContentHash("altokit cost matrix v2")
                .putString(networkMapVtag)
                .putString(metric)
                .putInt(size)
                .putString(costsTag)
                .tag();
    }

    /**
     * The hash of the costs alone. A matrix's vtag hashes it with the network map's vtag, so that
     * the same costs over a network map whose prefixes changed (every BGP change) get their new
     * vtag without hashing millions of cells again.
     */
    static String costsTag(CostCells cells) {
        ContentHash hash = new ContentHash("altokit cost cells v1").putInt(cells.length());
        double[] chunk = new double[HASH_CHUNK];
        for (int from = 0; from < cells.length(); from += HASH_CHUNK) {
            int count = Math.min(HASH_CHUNK, cells.length() - from);
            cells.copy(from, chunk, count);
            hash.putDoubles(chunk, count);
        }
        return hash.tag();
    }

    /** @param costs row-major, {@code size * size} long; copied into compact storage, not kept */
    CostMatrix(String metric, int size, double[] costs, String networkMapVtag) {
        this(metric, size, CostCells.of(costs), networkMapVtag);
    }

    /** The RFC 7285 cost metric, e.g. {@code routingcost} or {@code hopcount}. */
    public String metric() {
        return metric;
    }

    /** Number of PIDs along each side. */
    public int size() {
        return size;
    }

    /** The cost from one PID to another, NaN when not defined. */
    public double cost(int srcPid, int dstPid) {
        return cells.get(Objects.checkIndex(srcPid, size) * size + Objects.checkIndex(dstPid, size));
    }

    public boolean isDefined(int srcPid, int dstPid) {
        return !Double.isNaN(cost(srcPid, dstPid));
    }

    /** Heap bytes the costs take (the array, without object headers): for sizing a deployment. */
    public long costBytes() {
        return cells.bytes();
    }

    /** Whether the two hold the very same costs (shared, not compared): true between snapshots a change did not touch. */
    public boolean sharesCostsWith(CostMatrix other) {
        return cells == other.cells;
    }

    /** The dense ranks of these costs, as a full ordinal cost map has them; sorted once per matrix. */
    public DenseRanks ranks() {
        DenseRanks result = ranks;
        if (result == null) {
            // Racing first callers may both sort; the results are equal.
            result = DenseRanks.of(cells);
            ranks = result;
        }
        return result;
    }

    /**
     * {@link #ranks()}, derived from {@code previous}'s ranks when it has them and differs in few
     * cells (the matrix this one replaced), instead of sorting every cost again.
     */
    public DenseRanks ranksFrom(CostMatrix previous) {
        DenseRanks result = ranks;
        if (result == null) {
            DenseRanks known = previous.ranks;
            result = cells == previous.cells && known != null ? known
                    : known != null && previous.size == size ? DenseRanks.derived(known, previous.cells, cells)
                    : DenseRanks.of(cells);
            ranks = result;
        }
        return result;
    }

    /** The costs themselves, immutable: matrices with the same cells hold the same costs. */
    CostCells cells() {
        return cells;
    }

    /** The costs as a new row-major array the caller owns. */
    double[] costs() {
        return cells.toArray();
    }

    /**
     * The costs laid over another list of PIDs, row-major: a pair of PIDs this matrix has ({@code
     * ownNames}, sorted, are its PIDs) keeps its cost, any other pair gets NaN.
     *
     * @param names sorted PID names
     */
    double[] costsOver(List<String> ownNames, List<String> names) {
        if (names.equals(ownNames)) {
            return costs();
        }
        int width = names.size();
        double[] costs = new double[width * width];
        Arrays.fill(costs, Double.NaN);
        int[] from = names.stream().mapToInt(name -> Collections.binarySearch(ownNames, name)).toArray();
        for (int src = 0; src < width; src++) {
            if (from[src] < 0) {
                continue;
            }
            for (int dst = 0; dst < width; dst++) {
                if (from[dst] >= 0) {
                    costs[src * width + dst] = cells.get(from[src] * size + from[dst]);
                }
            }
        }
        return costs;
    }

    /** These costs over a network map with the same PIDs (one whose prefixes may differ): this matrix if it is the same map. */
    CostMatrix over(String networkMapVtag) {
        if (networkMapVtag.equals(this.networkMapVtag)) {
            return this;
        }
        CostMatrix moved = new CostMatrix(metric, size, cells, costsTag, networkMapVtag);
        moved.ranks = ranks;
        return moved;
    }

    /** These costs in at most {@code levels} values, by the rule of {@link CostLevels}. */
    CostMatrix quantised(int levels, String networkMapVtag) {
        return new CostMatrix(metric, size, CostLevels.quantise(costs(), levels), networkMapVtag);
    }

    /** Content hash of these costs and of the network map they refer to. */
    public String vtag() {
        return vtag;
    }

    @Override
    public String toString() {
        return "CostMatrix[" + metric + ", " + size + "x" + size + ", vtag " + vtag + "]";
    }
}
