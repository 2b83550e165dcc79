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
        int columns = dsts.size();
        double[] values = new double[srcs.size() * columns];
        for (int i = 0; i < srcs.size(); i++) {
            int srcPid = srcs.get(i).pid();
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = matrix.cost(srcPid, dsts.get(j).pid());
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
        return new CostTable(names(srcs), names(dsts), values);
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
