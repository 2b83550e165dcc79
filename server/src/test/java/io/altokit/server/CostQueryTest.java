package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.core.IpPrefix;
import io.altokit.core.OrdinalRanking;
import io.altokit.core.Snapshot;
import io.altokit.model.CostConstraint;
import io.altokit.model.CostMode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Costing each distinct PID pair once gives the table a direct m x n computation gives. */
class CostQueryTest {
    private static final int PIDS = 6;

    @Test
    void distinctPairsGiveTheSameTableAsEveryCell() {
        SplittableRandom random = new SplittableRandom(9);
        Snapshot.Builder builder = Snapshot.builder();
        for (int p = 0; p < PIDS; p++) {
            builder.pid("p" + p, List.of(IpPrefix.parse("10." + p + ".0.0/16")));
        }
        for (int src = 0; src < PIDS; src++) {
            for (int dst = 0; dst < PIDS; dst++) {
                if (random.nextInt(5) > 0) { // some pairs stay undefined
                    builder.cost("m", "p" + src, "p" + dst, random.nextInt(8) * 0.5);
                }
            }
        }
        CostMatrix matrix = builder.build().costMatrix("m").orElseThrow();
        for (int n = 0; n < 3_000; n++) {
            int[] srcs = randomPids(random, 1 + random.nextInt(4), matrix.size());
            int[] dsts = randomPids(random, random.nextInt(30), matrix.size());
            CostMode mode = random.nextBoolean() ? CostMode.ORDINAL : CostMode.NUMERICAL;
            List<CostConstraint> constraints = new ArrayList<>();
            if (random.nextBoolean()) {
                constraints.add(new CostConstraint(CostConstraint.Operator.values()[random.nextInt(6)], random.nextInt(5)));
            }
            assertThat(CostQuery.values(srcs, dsts, matrix, mode, constraints))
                    .containsExactly(everyCell(srcs, dsts, matrix, mode, constraints));
        }
    }

    private static int[] randomPids(SplittableRandom random, int count, int size) {
        int[] pids = new int[count];
        for (int i = 0; i < count; i++) {
            pids[i] = random.nextInt(size);
        }
        return pids;
    }

    /** The definition: every cell costed, ranked over all cells, then filtered. */
    private static double[] everyCell(int[] srcs, int[] dsts, CostMatrix matrix, CostMode mode,
                                      List<CostConstraint> constraints) {
        double[] values = new double[srcs.length * dsts.length];
        for (int i = 0; i < srcs.length; i++) {
            for (int j = 0; j < dsts.length; j++) {
                values[i * dsts.length + j] = matrix.cost(srcs[i], dsts[j]);
            }
        }
        if (mode == CostMode.ORDINAL) {
            int[] ranks = OrdinalRanking.denseRanks(values);
            for (int k = 0; k < values.length; k++) {
                values[k] = Double.isNaN(values[k]) ? Double.NaN : ranks[k];
            }
        }
        for (int k = 0; k < values.length; k++) {
            for (CostConstraint constraint : constraints) {
                if (!Double.isNaN(values[k]) && !constraint.test(values[k])) {
                    values[k] = Double.NaN;
                }
            }
        }
        return values;
    }
}
