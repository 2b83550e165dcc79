package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.core.DenseRanks;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;
import io.altokit.server.http.Representation;

import java.util.List;

/**
 * A full cost map encoded row by row: a {@link SegmentedBody} of the map's head (meta: dependent
 * vtag, cost type), one segment per source PID ({@code "src":{...}}, with the comma before it; empty
 * for a row without costs, which the map leaves out) and the tail, byte for byte what {@link
 * ResponseEncoder#costMap} writes. The next version of the map is {@linkplain #next derived} from
 * this one: only the rows whose costs changed are encoded (and compressed) again, and a map whose
 * network map alone changed (a BGP update: new dependent vtag, same costs) gets a new head and
 * nothing else. In ordinal mode a cost level that came or went moves the ranks of every cost above
 * it ({@link DenseRanks#lowestMovedCost}), so the rows holding such costs are encoded again too (a
 * new highest cost moves none; a vanished low one, most of the map); the compressed bytes of rows
 * that came out the same are kept.
 */
final class CostMapEncoding {

    /** What a full cost map shows: the costs of {@code matrix} between all {@code pids}, in the type's mode. */
    record Content(VersionTag networkMap, CostType type, CostMatrix matrix, List<String> pids) {}

    private final Content content;
    private final SegmentedBody body;

    private CostMapEncoding(Content content, SegmentedBody body) {
        this.content = content;
        this.body = body;
    }

    /** The map encoded whole. */
    static CostMapEncoding of(Content content) {
        List<String> pids = content.pids();
        byte[][] segments = new byte[pids.size() + 2][];
        segments[0] = head(content);
        DenseRanks ranks = ranks(content, null);
        boolean earlierRow = false;
        for (int src = 0; src < pids.size(); src++) {
            byte[] row = row(content, ranks, src);
            segments[src + 1] = earlierRow && row.length > 0 ? withComma(row) : row;
            earlierRow |= row.length > 0;
        }
        segments[pids.size() + 1] = ResponseEncoder.costMapTail();
        return new CostMapEncoding(content, SegmentedBody.of(segments));
    }

    /**
     * The map with {@code next}'s content, derived from this encoding: encoded whole if the PIDs or
     * the mode differ, else only the head if it changed and the rows that changed.
     */
    CostMapEncoding next(Content next) {
        if (!next.pids().equals(content.pids()) || next.type().mode() != content.type().mode()) {
            return of(next);
        }
        int size = next.pids().size();
        boolean[] changed = changedRows(next);
        DenseRanks ranks = ranks(next, content.matrix());
        byte[][] replacements = new byte[size + 2][];
        replacements[0] = head(next); // kept as it was if the bytes are equal
        boolean earlierRow = false;
        boolean earlierRowBefore = false;
        for (int src = 0; src < size; src++) {
            int segment = src + 1;
            boolean presentBefore = !body.isEmpty(segment);
            // A row has a comma before it when it has costs and a row before it has too.
            boolean commaBefore = presentBefore && earlierRowBefore;
            earlierRowBefore |= presentBefore;
            if (changed[src] || presentBefore && commaBefore != earlierRow) {
                byte[] row = row(next, ranks, src);
                replacements[segment] = earlierRow && row.length > 0 ? withComma(row) : row;
                earlierRow |= row.length > 0;
            } else {
                earlierRow |= presentBefore;
            }
        }
        return new CostMapEncoding(next, body.with(replacements));
    }

    /** The encoded map, served with {@code contentTag} as its ETag; its gzip form is assembled from the rows' compressed bytes. */
    Representation representation(String contentTag) {
        return Representation.compressed(body.gzipped(), body.length(), contentTag);
    }

    /**
     * Rows whose encoding may differ from this one's: none if the costs are shared, else those with
     * a changed cost and, in ordinal mode, those with a cost at or above the lowest one whose rank
     * may have moved (a cost level that came or went moves the ranks above it).
     */
    private boolean[] changedRows(Content next) {
        int size = next.pids().size();
        boolean[] changed = new boolean[size];
        CostMatrix was = content.matrix();
        CostMatrix is = next.matrix();
        if (was.sharesCostsWith(is)) {
            return changed;
        }
        double moved = next.type().mode() == CostMode.ORDINAL
                ? was.ranks().lowestMovedCost(is.ranksFrom(was)) : Double.POSITIVE_INFINITY;
        for (int src = 0; src < size; src++) {
            for (int dst = 0; dst < size && !changed[src]; dst++) {
                double after = is.cost(src, dst);
                changed[src] = after >= moved || Double.compare(was.cost(src, dst), after) != 0;
            }
        }
        return changed;
    }

    private static byte[] head(Content content) {
        return ResponseEncoder.costMapHead(List.of(content.networkMap()), content.type());
    }

    /** The ranks an ordinal map writes (derived from {@code previous}'s when given), null in numerical mode. */
    private static DenseRanks ranks(Content content, CostMatrix previous) {
        if (content.type().mode() != CostMode.ORDINAL) {
            return null;
        }
        return previous == null ? content.matrix().ranks() : content.matrix().ranksFrom(previous);
    }

    /** One source's row without a comma before it; empty if it has no cost. */
    private static byte[] row(Content content, DenseRanks ranks, int src) {
        CostMatrix matrix = content.matrix();
        double[] costs = new double[content.pids().size()];
        for (int dst = 0; dst < costs.length; dst++) {
            double cost = matrix.cost(src, dst);
            costs[dst] = ranks == null || Double.isNaN(cost) ? cost : ranks.rank(cost);
        }
        return ResponseEncoder.costMapRow(content.pids().get(src), content.pids(), costs);
    }

    private static byte[] withComma(byte[] row) {
        byte[] bytes = new byte[row.length + 1];
        bytes[0] = ',';
        System.arraycopy(row, 0, bytes, 1, row.length);
        return bytes;
    }
}
