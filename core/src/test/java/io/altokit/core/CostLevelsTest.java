package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CostLevelsTest {

    @Test
    void costsAreCutAtQuantilesAndReportedAsTheirLevelsMedian() {
        double[] costs = {1, 2, 3, 4, 5, 6, 7, 8, Double.NaN};

        // Boundaries at sorted positions 1, 3 and 5 (costs 2, 4, 6): levels {1,2} {3,4} {5,6} {7,8}.
        assertThat(CostLevels.quantise(costs, 4)).containsExactly(1, 1, 3, 3, 5, 5, 7, 7, Double.NaN);
    }

    @Test
    void equalCostsShareALevelSoLevelsMayBeFewer() {
        double[] costs = {5, 5, 5, 5, 5, 9};

        assertThat(CostLevels.quantise(costs, 3)).containsExactly(5, 5, 5, 5, 5, 9);
    }

    @Test
    void randomMatricesGetAtMostTheLevelsAndKeepTheOrder() {
        Random random = new Random(7);
        double[] costs = random.doubles(10_000, 0, 1000).map(Math::floor).toArray();

        double[] quantised = CostLevels.quantise(costs, 5);

        assertThat(Arrays.stream(quantised).distinct().count()).isEqualTo(5);
        for (int i = 1; i < costs.length; i++) {
            if (costs[i - 1] <= costs[i]) {
                assertThat(quantised[i - 1]).isLessThanOrEqualTo(quantised[i]);
            }
        }
        assertThat(CostLevels.quantise(costs, 5)).containsExactly(quantised);
    }

    @Test
    void snapshotsQuantiseEveryMetricAndGetNewVtags() {
        Snapshot.Builder builder = Snapshot.builder().pid("a", Prefixes.of("10.0.0.0/8"));
        for (int i = 0; i < 4; i++) {
            builder.pid("p" + i, Prefixes.of("10." + (i + 1) + ".0.0/16"));
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                builder.cost("delay", "p" + i, "p" + j, i * 4 + j);
            }
        }
        Snapshot snapshot = builder.build();

        Snapshot quantised = snapshot.withQuantisedCosts(2);

        CostMatrix matrix = quantised.costMatrix("delay").orElseThrow();
        assertThat(matrix.vtag()).isNotEqualTo(snapshot.costMatrix("delay").orElseThrow().vtag());
        assertThat(quantised.networkMap()).isSameAs(snapshot.networkMap());
        NetworkMap map = quantised.networkMap();
        int p0 = map.indexOf("p0").orElseThrow();
        // Costs 0..15 cut at the median: 0..7 report 3, 8..15 report 11.
        assertThat(matrix.cost(p0, p0)).isEqualTo(matrix.cost(p0 + 1, p0 + 3)).isEqualTo(3);
        assertThat(matrix.cost(p0 + 2, p0)).isEqualTo(matrix.cost(p0 + 3, p0 + 3)).isEqualTo(11);
        assertThatThrownBy(() -> snapshot.withQuantisedCosts(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
