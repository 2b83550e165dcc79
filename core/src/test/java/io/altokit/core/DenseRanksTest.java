package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenseRanksTest {

    @Test
    void ranksAreThoseOfTheOrdinalRanking() {
        double[] costs = {5, 3, Double.NaN, 5, 9, -0.0, 0.0};
        DenseRanks ranks = DenseRanks.of(CostCells.of(costs));
        int[] expected = OrdinalRanking.denseRanks(costs);
        for (int cell = 0; cell < costs.length; cell++) {
            assertThat(ranks.rank(costs[cell])).as("cell %d", cell).isEqualTo(expected[cell]);
        }
        assertThat(ranks.levels()).isEqualTo(4);
        assertThatThrownBy(() -> ranks.rank(4)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Few levels (as tenths of ms of delay are), so changes often keep them; sometimes a level comes or goes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void derivedRanksEqualRanksSortedAfresh(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] costs = new double[80 * 80];
        for (int cell = 0; cell < costs.length; cell++) {
            costs[cell] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(60) / 10.0;
        }
        CostCells cells = CostCells.of(costs);
        DenseRanks ranks = DenseRanks.of(cells);
        int keptLevels = 0;
        for (int step = 0; step < 300; step++) {
            int changes = random.nextInt(5) == 0 ? DenseRanks.MAX_DERIVED_CELLS + 1 : random.nextInt(1, 4);
            for (int i = 0; i < changes; i++) {
                int cell = random.nextInt(costs.length);
                costs[cell] = random.nextInt(8) == 0 ? Double.NaN : random.nextInt(70) / 10.0;
            }
            CostCells next = CostCells.of(costs);
            DenseRanks derived = DenseRanks.derived(ranks, cells, next);
            DenseRanks sorted = DenseRanks.of(next);
            assertThat(derived.sameAs(sorted)).as("step %d", step).isTrue();
            keptLevels += derived.sameAs(ranks) ? 1 : 0;
            ranks = derived;
            cells = next;
        }
        assertThat(keptLevels).as("steps whose levels stayed").isBetween(1, 299);
    }

    @Test
    void aMatrixDerivesItsRanksFromThePreviousOnesOrSortsWithoutThem() {
        CostMatrix before = new CostMatrix("rtt", 2, new double[] {0, 1.5, 2.5, 0}, "v1");
        CostMatrix after = new CostMatrix("rtt", 2, new double[] {0, 1.5, 3.5, 0}, "v1");
        CostMatrix unranked = new CostMatrix("rtt", 2, new double[] {0, 1.5, 3.5, 0}, "v1");

        assertThat(after.ranksFrom(before).sameAs(DenseRanks.of(CostCells.of(new double[] {0, 1.5, 3.5})))).isTrue();
        before.ranks();
        assertThat(unranked.ranksFrom(before).rank(3.5)).isEqualTo(3);
        assertThat(before.over("v2").ranks()).as("moved to another network map, same costs").isSameAs(before.ranks());
    }

    @Test
    void costsBelowTheLowestMovedCostKeepTheirRanks() {
        DenseRanks three = DenseRanks.of(CostCells.of(new double[] {1, 2, 3}));
        assertThat(three.lowestMovedCost(DenseRanks.of(CostCells.of(new double[] {3, 2, 1, 1})))).isInfinite();
        assertThat(three.lowestMovedCost(DenseRanks.of(CostCells.of(new double[] {1, 2, 3, 40}))))
                .as("a new highest cost moves no other rank").isEqualTo(40);
        assertThat(three.lowestMovedCost(DenseRanks.of(CostCells.of(new double[] {1, 3}))))
                .as("2 went: 3 ranks 2 now").isEqualTo(2);
        assertThat(three.lowestMovedCost(DenseRanks.of(CostCells.of(new double[] {1, 1.5, 2, 3})))).isEqualTo(1.5);
    }
}
