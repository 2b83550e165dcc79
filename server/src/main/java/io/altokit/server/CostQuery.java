package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.core.OrdinalRanking;
import io.altokit.model.CostConstraint;
import io.altokit.model.CostMode;
import io.altokit.model.CostTable;

import java.util.List;

/**
 * Computes the m x n cost table behind cost maps, filtered cost maps and endpoint cost maps
 * (RFC 7285 6.2): sources and destinations are named locations (PID names or typed addresses)
 * already resolved to PID indexes. Ordinal ranks are relative to the m*n entries; constraints test
 * the returned values; undefined costs and pairs failing a constraint are left out.
 */
final class CostQuery {

    /** A location as it appears in the response, and the PID whose costs it takes. */
    record Location(String name, int pid) {
    }

    private CostQuery() {
    }

    static CostTable compute(List<Location> srcs, List<Location> dsts, CostMatrix matrix,
                             CostMode mode, List<CostConstraint> constraints) {
        double[] values = values(pids(srcs), pids(dsts), matrix, mode, constraints);
        return new CostTable(names(srcs), names(dsts), values);
    }

    /** The row-major table over PID indexes: one row per source, NaN where a pair is left out. */
    static double[] values(int[] srcPids, int[] dstPids, CostMatrix matrix, CostMode mode,
                           List<CostConstraint> constraints) {
        int columns = dstPids.length;
        double[] values = new double[srcPids.length * columns];
        for (int i = 0; i < srcPids.length; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = matrix.cost(srcPids[i], dstPids[j]);
            }
        }
        if (mode == CostMode.ORDINAL) {
            int[] ranks = OrdinalRanking.denseRanks(values);
            for (int k = 0; k < values.length; k++) {
                values[k] = Double.isNaN(values[k]) ? Double.NaN : ranks[k];
            }
        }
        if (!constraints.isEmpty()) {
            for (int k = 0; k < values.length; k++) {
                if (!Double.isNaN(values[k]) && !meetsAll(constraints, values[k])) {
                    values[k] = Double.NaN;
                }
            }
        }
        return values;
    }

    private static int[] pids(List<Location> locations) {
        int[] pids = new int[locations.size()];
        for (int i = 0; i < pids.length; i++) {
            pids[i] = locations.get(i).pid();
        }
        return pids;
    }

    private static List<String> names(List<Location> locations) {
        String[] names = new String[locations.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = locations.get(i).name();
        }
        return List.of(names);
    }

    private static boolean meetsAll(List<CostConstraint> constraints, double value) {
        for (CostConstraint constraint : constraints) {
            if (!constraint.test(value)) {
                return false;
            }
        }
        return true;
    }
}
